package dev.meshoperator.observe;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.catalog.MinorVersion;
import dev.meshoperator.render.IstioLabels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one reconcile sees of the cluster, taken once: every planner and the writer read the cluster
 * through it and through nothing else. Served from the operator's informer caches, so a reconcile
 * of an unchanged installation reads nothing from the API server; the two look-ups that are not
 * cached say so.
 */
public interface ClusterSnapshot {

  /** Every MeshInstallation the operator reconciles. */
  List<MeshInstallation> installations();

  /**
   * This installation's objects of {@code kind} (labelled by the operator and owned by it); of
   * Istio's CRDs, which name no installation, every one the operator labelled.
   */
  <R extends HasMetadata> List<R> owned(Class<R> kind);

  /**
   * Every CRD in the cluster by name, its metadata reduced to what says who installed it ({@code
   * crds.CrdManager}).
   */
  Map<String, ObjectMeta> crds();

  /** Names of the CRDs the API server has established. */
  Set<String> establishedCrds();

  /**
   * The CRDs whose names the API server accepted but which it has not established, with when it
   * accepted the names.
   */
  Map<String, Instant> crdsNamedNotEstablished();

  /** Every namespace, reduced to name, labels, deletion time and the enrollment record. */
  List<Namespace> namespaces();

  /**
   * Injected pods (the injector's label, or an istio.io/rev label), reduced to namespace, name,
   * owners and a few labels; the revision that injected each is its istio.io/rev label here.
   */
  List<Pod> injectedPods();

  /**
   * The injected pods that are workloads: istiod's own pods carry istio.io/rev too, but use no
   * revision.
   */
  default List<Pod> injectedWorkloads() {
    return injectedPods().stream()
        .filter(
            pod ->
                !"istiod"
                    .equals(
                        Objects.requireNonNullElse(
                                pod.getMetadata().getLabels(), Map.<String, String>of())
                            .get(IstioLabels.APP)))
        .toList();
  }

  /**
   * istiod Deployments another tool made (Helm, istioctl), reduced to name, the labels and
   * annotations that say who, and the image.
   */
  List<Deployment> foreignIstiods();

  /** The operator's Gateways of this installation; none while the Gateway API is missing. */
  List<Gateway> gateways();

  /** The namespace the operator itself runs in, when it runs in a pod. */
  Optional<String> operatorNamespace();

  /** The Kubernetes line of the API server, when it could be read. */
  Optional<MinorVersion> kubernetesVersion();

  /** The object as the API server has it now: one request (an object not in any cache). */
  Optional<HasMetadata> live(HasMetadata object);

  /** Runtime catalogs in the operator's namespace, by name (none when it has no namespace). */
  List<ConfigMap> runtimeCatalogs();

  /** A user's Deployment, StatefulSet or DaemonSet as the API server has it now: one request. */
  Optional<HasMetadata> workload(String kind, String namespace, String name);

  /** The owned object of {@code kind} named {@code namespace/name} (namespace null: cluster). */
  default <R extends HasMetadata> Optional<R> owned(Class<R> kind, String namespace, String name) {
    return owned(kind).stream()
        .filter(r -> name.equals(r.getMetadata().getName()))
        .filter(r -> Objects.equals(namespace, r.getMetadata().getNamespace()))
        .findFirst();
  }
}
