package dev.meshoperator.observe;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.catalog.MinorVersion;
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
import java.util.Optional;
import java.util.Set;

/**
 * A cluster holding nothing but one installation, as its first reconcile sees it: what a plan made
 * without reading any cluster starts from.
 */
public record EmptyCluster(MeshInstallation installation) implements ClusterSnapshot {

  @Override
  public List<MeshInstallation> installations() {
    return List.of(installation);
  }

  @Override
  public <R extends HasMetadata> List<R> owned(Class<R> kind) {
    return List.of();
  }

  @Override
  public Map<String, ObjectMeta> crds() {
    return Map.of();
  }

  @Override
  public Set<String> establishedCrds() {
    return Set.of();
  }

  @Override
  public Map<String, Instant> crdsNamedNotEstablished() {
    return Map.of();
  }

  @Override
  public List<Namespace> namespaces() {
    return List.of();
  }

  @Override
  public List<Pod> injectedPods() {
    return List.of();
  }

  @Override
  public List<Deployment> foreignIstiods() {
    return List.of();
  }

  @Override
  public List<Gateway> gateways() {
    return List.of();
  }

  @Override
  public Optional<String> operatorNamespace() {
    return Optional.empty();
  }

  @Override
  public Optional<MinorVersion> kubernetesVersion() {
    return Optional.empty();
  }

  @Override
  public Optional<HasMetadata> live(HasMetadata object) {
    return Optional.empty();
  }

  @Override
  public List<ConfigMap> runtimeCatalogs() {
    return List.of();
  }

  @Override
  public Optional<HasMetadata> workload(String kind, String namespace, String name) {
    return Optional.empty();
  }
}
