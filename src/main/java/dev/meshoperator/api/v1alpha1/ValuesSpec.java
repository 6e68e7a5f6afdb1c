package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/**
 * Mesh-wide settings that Istio's Helm charts call values, typed: each one is honoured on every
 * object it concerns, and nothing else is accepted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ValuesSpec {

  @JsonPropertyDescription("Defaults of the sidecar proxies istiod injects into workloads.")
  private SidecarProxySpec proxy;

  @JsonPropertyDescription(
      "Mesh ID of a multi-cluster mesh: the same on every cluster of the mesh (global.meshID).")
  @Size(max = 63)
  @Pattern("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")
  private String meshID;

  @JsonPropertyDescription(
      "Network of this cluster's workloads in a multi-network mesh (global.network); also labels"
          + " the control-plane namespace topology.istio.io/network.")
  @Size(max = 63)
  @Pattern("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")
  private String network;

  @JsonPropertyDescription(
      "Name of this cluster in a multi-cluster mesh (global.multiCluster.clusterName); Kubernetes"
          + " when unset.")
  @Size(max = 63)
  @Pattern("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")
  private String clusterName;

  @JsonPropertyDescription(
      "DNS domain of the cluster's Services (global.proxy.clusterDomain): istiod's --domain and"
          + " every injected proxy's. cluster.local when unset.")
  @Size(max = 253)
  @Pattern(KubernetesRules.DNS_SUBDOMAIN)
  private String clusterDomain;

  @JsonPropertyDescription("Log levels and format of Istio's control plane and agents.")
  private LoggingSpec logging;

  @JsonPropertyDescription(
      "Which pods the sidecar injector injects (global.proxy.autoInject and"
          + " sidecarInjectorWebhook's selectors).")
  private SidecarInjectorSpec sidecarInjector;

  @JsonPropertyDescription(
      "NetworkPolicies for istiod, istio-cni, ztunnel and the gateways, allowing the ports each"
          + " serves (global.networkPolicy).")
  private NetworkPolicySpec networkPolicy;

  public SidecarProxySpec getProxy() {
    return proxy;
  }

  public void setProxy(SidecarProxySpec proxy) {
    this.proxy = proxy;
  }

  public String getMeshID() {
    return meshID;
  }

  public void setMeshID(String meshID) {
    this.meshID = meshID;
  }

  public String getNetwork() {
    return network;
  }

  public void setNetwork(String network) {
    this.network = network;
  }

  public String getClusterName() {
    return clusterName;
  }

  public void setClusterName(String clusterName) {
    this.clusterName = clusterName;
  }

  public NetworkPolicySpec getNetworkPolicy() {
    return networkPolicy;
  }

  public void setNetworkPolicy(NetworkPolicySpec networkPolicy) {
    this.networkPolicy = networkPolicy;
  }

  public String getClusterDomain() {
    return clusterDomain;
  }

  public void setClusterDomain(String clusterDomain) {
    this.clusterDomain = clusterDomain;
  }

  public LoggingSpec getLogging() {
    return logging;
  }

  public void setLogging(LoggingSpec logging) {
    this.logging = logging;
  }

  public SidecarInjectorSpec getSidecarInjector() {
    return sidecarInjector;
  }

  public void setSidecarInjector(SidecarInjectorSpec sidecarInjector) {
    this.sidecarInjector = sidecarInjector;
  }
}
