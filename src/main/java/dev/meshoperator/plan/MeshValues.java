package dev.meshoperator.plan;

import dev.meshoperator.api.v1alpha1.SidecarProxySpec;
import dev.meshoperator.api.v1alpha1.ValuesSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.Objects;
import java.util.Optional;

/**
 * The mesh-wide values of an installation, resolved: multi-cluster identity, the injected sidecars'
 * defaults, NetworkPolicies.
 *
 * @param meshId global.meshID, empty when unset (Istio then uses the trust domain)
 * @param network global.network, empty when unset
 * @param clusterName global.multiCluster.clusterName, empty when unset
 * @param proxyResources the sidecars' resources, or empty for the chart's default
 * @param proxyLogLevel Envoy's log level of the sidecars
 */
public record MeshValues(
    String meshId,
    String network,
    String clusterName,
    boolean networkPolicies,
    Optional<ResourceRequirements> proxyResources,
    String proxyLogLevel,
    boolean holdApplicationUntilProxyStarts) {

  static final String DEFAULT_CLUSTER_NAME = "Kubernetes";
  static final String DEFAULT_PROXY_LOG_LEVEL = "warning";

  /** The cluster ID istiod and the proxies report: the cluster name, Kubernetes when unset. */
  public String clusterId() {
    return clusterName.isEmpty() ? DEFAULT_CLUSTER_NAME : clusterName;
  }

  static MeshValues of(ValuesSpec values) {
    ValuesSpec v = Objects.requireNonNullElseGet(values, ValuesSpec::new);
    SidecarProxySpec proxy = Objects.requireNonNullElseGet(v.getProxy(), SidecarProxySpec::new);
    return new MeshValues(
        Objects.requireNonNullElse(v.getMeshID(), ""),
        Objects.requireNonNullElse(v.getNetwork(), ""),
        Objects.requireNonNullElse(v.getClusterName(), ""),
        v.getNetworkPolicy() != null && Boolean.TRUE.equals(v.getNetworkPolicy().getEnabled()),
        Optional.ofNullable(proxy.getResources()),
        proxy.getLogLevel() == null ? DEFAULT_PROXY_LOG_LEVEL : proxy.getLogLevel().value(),
        Boolean.TRUE.equals(proxy.getHoldApplicationUntilProxyStarts()));
  }
}
