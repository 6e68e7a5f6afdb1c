package dev.meshoperator.plan;

import dev.meshoperator.api.v1alpha1.LoggingSpec;
import dev.meshoperator.api.v1alpha1.SidecarProxySpec;
import dev.meshoperator.api.v1alpha1.ValuesSpec;
import dev.meshoperator.catalog.IstioRelease;
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
 * @param clusterDomain the cluster's DNS domain (global.proxy.clusterDomain)
 * @param logLevel istiod's and the agents' --log_output_level (global.logging.level)
 * @param cniLogLevel istio-cni's, which defaults to a bare level as upstream's chart does
 * @param logAsJson global.logAsJson
 */
public record MeshValues(
    String meshId,
    String network,
    String clusterName,
    boolean networkPolicies,
    Optional<ResourceRequirements> proxyResources,
    String proxyLogLevel,
    boolean holdApplicationUntilProxyStarts,
    ProxyCapture capture,
    String clusterDomain,
    String logLevel,
    String cniLogLevel,
    boolean logAsJson,
    InjectorPolicy injector) {

  static final String DEFAULT_CLUSTER_NAME = "Kubernetes";
  static final String DEFAULT_PROXY_LOG_LEVEL = "warning";
  static final String DEFAULT_CLUSTER_DOMAIN = "cluster.local";
  static final String DEFAULT_LOG_LEVEL = "default:info";
  static final String DEFAULT_CNI_LOG_LEVEL = "info";

  /** The cluster ID istiod and the proxies report: the cluster name, Kubernetes when unset. */
  public String clusterId() {
    return clusterName.isEmpty() ? DEFAULT_CLUSTER_NAME : clusterName;
  }

  static MeshValues of(ValuesSpec values, IstioRelease release) {
    ValuesSpec v = Objects.requireNonNullElseGet(values, ValuesSpec::new);
    SidecarProxySpec proxy = Objects.requireNonNullElseGet(v.getProxy(), SidecarProxySpec::new);
    LoggingSpec logging = Objects.requireNonNullElseGet(v.getLogging(), LoggingSpec::new);
    return new MeshValues(
        Objects.requireNonNullElse(v.getMeshID(), ""),
        Objects.requireNonNullElse(v.getNetwork(), ""),
        Objects.requireNonNullElse(v.getClusterName(), ""),
        v.getNetworkPolicy() != null && Boolean.TRUE.equals(v.getNetworkPolicy().getEnabled()),
        Optional.ofNullable(proxy.getResources()),
        proxy.getLogLevel() == null ? DEFAULT_PROXY_LOG_LEVEL : proxy.getLogLevel().value(),
        Boolean.TRUE.equals(proxy.getHoldApplicationUntilProxyStarts()),
        ProxyCapture.of(proxy),
        Objects.requireNonNullElse(v.getClusterDomain(), DEFAULT_CLUSTER_DOMAIN),
        Objects.requireNonNullElse(logging.getLevel(), DEFAULT_LOG_LEVEL),
        Objects.requireNonNullElse(logging.getLevel(), DEFAULT_CNI_LOG_LEVEL),
        Boolean.TRUE.equals(logging.getAsJson()),
        InjectorPolicy.of(v.getSidecarInjector(), release));
  }
}
