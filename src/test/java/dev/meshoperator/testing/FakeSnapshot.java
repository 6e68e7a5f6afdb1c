package dev.meshoperator.testing;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.catalog.MinorVersion;
import dev.meshoperator.observe.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A cluster as a planner sees it, held in memory: planners are tested as pure functions of it. */
public final class FakeSnapshot implements ClusterSnapshot {

  private final List<MeshInstallation> installations = new ArrayList<>();
  private final List<HasMetadata> owned = new ArrayList<>();
  private final Set<String> crds = new HashSet<>();
  private final Map<String, ObjectMeta> crdMetadata = new HashMap<>();
  private final List<Namespace> namespaces = new ArrayList<>();
  private final Map<String, Instant> named = new HashMap<>();
  private final List<Pod> pods = new ArrayList<>();
  private final List<Deployment> foreign = new ArrayList<>();
  private final List<HasMetadata> workloads = new ArrayList<>();

  /** A pod that carries istio.io/rev. */
  public FakeSnapshot injectedPod(Pod pod) {
    pods.add(pod);
    return this;
  }

  /** An istiod Deployment another tool made. */
  /** A user's Deployment, StatefulSet or DaemonSet, as {@link #workload} reads it. */
  public FakeSnapshot workload(HasMetadata workload) {
    workloads.add(workload);
    return this;
  }

  public FakeSnapshot foreignIstiod(Deployment istiod) {
    foreign.add(istiod);
    return this;
  }

  public FakeSnapshot installation(MeshInstallation mesh) {
    installations.add(mesh);
    return this;
  }

  public FakeSnapshot owned(HasMetadata object) {
    owned.add(object);
    return this;
  }

  public FakeSnapshot establishedCrds(Iterable<String> names) {
    names.forEach(crds::add);
    return this;
  }

  /** A CRD in the cluster, with the metadata that says who installed it. */
  public FakeSnapshot crd(ObjectMeta metadata) {
    crdMetadata.put(metadata.getName(), metadata);
    return this;
  }

  /** A CRD whose names the API server accepted at {@code since}, not established. */
  public FakeSnapshot namedNotEstablished(String name, Instant since) {
    crdMetadata.put(name, new ObjectMeta());
    crdMetadata.get(name).setName(name);
    named.put(name, since);
    return this;
  }

  public FakeSnapshot namespace(Namespace namespace) {
    namespaces.add(namespace);
    return this;
  }

  @Override
  public List<MeshInstallation> installations() {
    return installations;
  }

  @Override
  public <R extends HasMetadata> List<R> owned(Class<R> kind) {
    return owned.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  @Override
  public Map<String, ObjectMeta> crds() {
    return crdMetadata;
  }

  @Override
  public Set<String> establishedCrds() {
    return crds;
  }

  @Override
  public Map<String, Instant> crdsNamedNotEstablished() {
    return named;
  }

  @Override
  public List<Namespace> namespaces() {
    return namespaces;
  }

  @Override
  public List<Pod> injectedPods() {
    return pods;
  }

  @Override
  public List<Deployment> foreignIstiods() {
    return foreign;
  }

  @Override
  public List<Gateway> gateways() {
    return owned(Gateway.class);
  }

  @Override
  public Optional<String> operatorNamespace() {
    return Optional.of("mesh-operator");
  }

  @Override
  public Optional<MinorVersion> kubernetesVersion() {
    return Optional.of(MinorVersion.of("1.34"));
  }

  @Override
  public List<io.fabric8.kubernetes.api.model.ConfigMap> runtimeCatalogs() {
    return List.of();
  }

  @Override
  public Optional<HasMetadata> live(HasMetadata object) {
    return Optional.empty();
  }

  @Override
  public Optional<HasMetadata> workload(String kind, String namespace, String name) {
    return workloads.stream()
        .filter(w -> w.getKind().equals(kind))
        .filter(w -> w.getMetadata().getNamespace().equals(namespace))
        .filter(w -> w.getMetadata().getName().equals(name))
        .findFirst();
  }
}
