package dev.meshoperator.reconcile;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.apply.ManagedKinds;
import dev.meshoperator.catalog.MinorVersion;
import dev.meshoperator.observe.ClusterSnapshot;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.render.IstioLabels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The snapshot one reconcile takes, served from the informers this reconciler registers. Each part
 * is read on first use and kept for the rest of the reconcile. Informers some installations never
 * need start with the first that does: pods for a RevisionBased installation, Gateways once their
 * CRD is established.
 */
final class InformerSnapshot implements ClusterSnapshot {

  private final MeshInstallation mesh;
  private final Context<MeshInstallation> context;
  private final ClusterVersion clusterVersion;
  private final Map<String, Object> memo = new HashMap<>();

  InformerSnapshot(
      MeshInstallation mesh, Context<MeshInstallation> context, ClusterVersion clusterVersion) {
    this.mesh = mesh;
    this.context = context;
    this.clusterVersion = clusterVersion;
  }

  @SuppressWarnings("unchecked")
  private <T> T once(String key, Supplier<T> read) {
    return (T) memo.computeIfAbsent(key, k -> read.get());
  }

  @Override
  public List<MeshInstallation> installations() {
    return once("installations", () -> context.getPrimaryCache().list().toList());
  }

  @Override
  public <R extends HasMetadata> List<R> owned(Class<R> kind) {
    return once(
        "owned/" + kind.getName(),
        () -> {
          if (ManagedKinds.OWNED_WHERE_SERVED.contains(kind)) {
            if (!establishedCrds().contains(HasMetadata.getFullResourceName(kind))) {
              return List.of();
            }
            // Such an API can only be watched once it is served, so its informer starts late.
            InformerCaches.registerOnce(
                context,
                kind,
                kind.getSimpleName(),
                c -> MeshInstallationReconciler.informer(kind, c));
          }
          return (kind == CustomResourceDefinition.class
                  ? InformerCaches.all(context, kind, kind.getSimpleName(), crd -> true)
                  : InformerCaches.secondary(context, kind))
              .toList();
        });
  }

  @Override
  public Map<String, ObjectMeta> crds() {
    return once(
        "crdMetadata",
        () ->
            InformerCaches.all(
                    context, CustomResourceDefinition.class, ClusterCrds.NAME, crd -> true)
                .collect(
                    Collectors.toMap(
                        crd -> crd.getMetadata().getName(),
                        HasMetadata::getMetadata,
                        (a, b) -> a)));
  }

  @Override
  public Set<String> establishedCrds() {
    return once(
        "crds",
        () ->
            InformerCaches.all(
                    context,
                    CustomResourceDefinition.class,
                    ClusterCrds.NAME,
                    ClusterCrds::isEstablished)
                .map(crd -> crd.getMetadata().getName())
                .collect(Collectors.toSet()));
  }

  @Override
  public Map<String, Instant> crdsNamedNotEstablished() {
    return once(
        "crdsNamedNotEstablished",
        () -> {
          Map<String, Instant> named = new TreeMap<>();
          InformerCaches.all(context, CustomResourceDefinition.class, ClusterCrds.NAME, crd -> true)
              .forEach(
                  crd ->
                      ClusterCrds.namedNotEstablishedSince(crd)
                          .ifPresent(since -> named.put(crd.getMetadata().getName(), since)));
          return named;
        });
  }

  @Override
  public List<Namespace> namespaces() {
    return once(
        "namespaces",
        () ->
            InformerCaches.all(context, Namespace.class, AmbientInformers.NAMESPACES, ns -> true)
                .toList());
  }

  @Override
  public List<Pod> injectedPods() {
    return once(
        "pods",
        () -> {
          // Revision use is counted for canaries, and for another tool's istiod beside this one.
          if (PlanResolver.isRevisionBased(mesh) || !foreignIstiods().isEmpty()) {
            InformerCaches.registerOnce(
                context, Pod.class, RevisionInformers.PODS, RevisionInformers::injectedPods);
            InformerCaches.registerOnce(
                context, Pod.class, RevisionInformers.SIDECAR_PODS, RevisionInformers::sidecarPods);
          }
          // A pod both informers hold is counted once; only those with a revision count.
          Map<String, Pod> byUid = new LinkedHashMap<>();
          for (String informer : List.of(RevisionInformers.PODS, RevisionInformers.SIDECAR_PODS)) {
            InformerCaches.all(context, Pod.class, informer, pod -> true)
                .filter(pod -> pod.getMetadata().getLabels().containsKey(IstioLabels.REVISION))
                .forEach(pod -> byUid.putIfAbsent(pod.getMetadata().getUid(), pod));
          }
          return List.copyOf(byUid.values());
        });
  }

  @Override
  public List<Deployment> foreignIstiods() {
    return once(
        "foreign-istiods",
        () ->
            InformerCaches.all(context, Deployment.class, ForeignIstiodInformer.NAME, d -> true)
                .toList());
  }

  @Override
  public List<Gateway> gateways() {
    return once(
        "gateways",
        () -> {
          if (!establishedCrds().contains(AmbientInformers.GATEWAY_CRD_NAME)) {
            return List.of();
          }
          // Gateways can only be watched once their CRD exists, so their informer starts late.
          InformerCaches.registerOnce(
              context, Gateway.class, AmbientInformers.GATEWAYS, AmbientInformers::gateways);
          return InformerCaches.secondary(context, Gateway.class).toList();
        });
  }

  @Override
  public List<ConfigMap> runtimeCatalogs() {
    return once(
        "runtime-catalogs",
        () ->
            operatorNamespace().isEmpty()
                ? List.<ConfigMap>of()
                : InformerCaches.all(context, ConfigMap.class, RuntimeCatalogs.NAME, cm -> true)
                    .sorted(Comparator.comparing(cm -> cm.getMetadata().getName()))
                    .toList());
  }

  /** The packaged Deployment passes its namespace in, by the downward API. */
  @Override
  public Optional<String> operatorNamespace() {
    return OperatorNamespace.get();
  }

  @Override
  public Optional<MinorVersion> kubernetesVersion() {
    return clusterVersion.get();
  }

  @Override
  public Optional<HasMetadata> live(HasMetadata object) {
    return Optional.ofNullable(context.getClient().resource(object).get());
  }

  @Override
  public Optional<HasMetadata> workload(String kind, String namespace, String name) {
    var apps = context.getClient().apps();
    HasMetadata found =
        switch (kind) {
          case "Deployment" -> apps.deployments().inNamespace(namespace).withName(name).get();
          case "StatefulSet" -> apps.statefulSets().inNamespace(namespace).withName(name).get();
          case "DaemonSet" -> apps.daemonSets().inNamespace(namespace).withName(name).get();
          default -> null;
        };
    return Optional.ofNullable(found);
  }
}
