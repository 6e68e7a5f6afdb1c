package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** An ingress or egress gateway deployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.kind) || self.name in ['istio-ingressgateway', 'istio-egressgateway']",
    message = "kind (Ingress or Egress) is required for a gateway the profiles do not define")
@ValidationRule(
    value =
        "(!has(self.loadBalancerIP) && !has(self.loadBalancerClass)) || (has(self.serviceType) ?"
            + " self.serviceType == 'LoadBalancer' : (has(self.kind) ? self.kind == 'Ingress' :"
            + " self.name == 'istio-ingressgateway'))",
    message = "loadBalancerIP and loadBalancerClass need serviceType LoadBalancer",
    fieldPath = ".serviceType")
@ValidationRule(
    value =
        "!has(self.externalTrafficPolicy) || (has(self.serviceType) ? self.serviceType !="
            + " 'ClusterIP' : (has(self.kind) ? self.kind == 'Ingress' : self.name =="
            + " 'istio-ingressgateway'))",
    message = "externalTrafficPolicy needs serviceType LoadBalancer or NodePort",
    fieldPath = ".serviceType")
@ValidationRule(
    value = "!has(self.env) || self.env.all(k, !(k in " + ReservedEnv.GATEWAY + "))",
    message = ReservedEnv.MESSAGE,
    fieldPath = ".env",
    reason = "FieldValueForbidden")
public class GatewaySpec extends WorkloadSpec {

  /** Whether external traffic may hop to another node (Cluster) or keeps its source IP (Local). */
  public enum ExternalTrafficPolicy {
    Cluster,
    Local
  }

  @JsonPropertyDescription(
      "Ports of the gateway's Service, replacing the profile's; an ingress gateway always keeps"
          + " status-port 15021.")
  @Size(max = 32)
  @ValidationRule(
      value = "self.all(p, self.exists_one(q, q.name == p.name))",
      message = "port names must be unique")
  @ValidationRule(
      value = "self.all(p, self.exists_one(q, q.port == p.port))",
      message = "ports must be unique")
  @ValidationRule(
      value = "self.all(p, p.name != 'status-port' && p.port != 15021)",
      message = "status-port (15021) is always there and cannot be listed")
  private List<GatewayPortSpec> ports;

  @JsonPropertyDescription("Address the cloud load balancer should take (Service loadBalancerIP).")
  @Size(max = 45)
  @Pattern("^[0-9A-Fa-f.:]+$")
  private String loadBalancerIP;

  @JsonPropertyDescription("Load balancer implementation (Service loadBalancerClass).")
  @Size(max = 253)
  @Pattern("^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")
  private String loadBalancerClass;

  @JsonPropertyDescription("Service externalTrafficPolicy: Cluster (the default) or Local.")
  private ExternalTrafficPolicy externalTrafficPolicy;

  public List<GatewayPortSpec> getPorts() {
    return ports;
  }

  public void setPorts(List<GatewayPortSpec> ports) {
    this.ports = ports;
  }

  public String getLoadBalancerIP() {
    return loadBalancerIP;
  }

  public void setLoadBalancerIP(String loadBalancerIP) {
    this.loadBalancerIP = loadBalancerIP;
  }

  public String getLoadBalancerClass() {
    return loadBalancerClass;
  }

  public void setLoadBalancerClass(String loadBalancerClass) {
    this.loadBalancerClass = loadBalancerClass;
  }

  public ExternalTrafficPolicy getExternalTrafficPolicy() {
    return externalTrafficPolicy;
  }

  public void setExternalTrafficPolicy(ExternalTrafficPolicy externalTrafficPolicy) {
    this.externalTrafficPolicy = externalTrafficPolicy;
  }

  /** Direction of the traffic the gateway carries. */
  public enum Kind {
    @JsonProperty("Ingress")
    INGRESS,
    @JsonProperty("Egress")
    EGRESS
  }

  @JsonPropertyDescription("Name of the gateway's Deployment and Service.")
  @Required
  @Size(max = 63)
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  private String name;

  @JsonPropertyDescription(
      "Ingress or Egress; may be left out for a gateway of the profile (istio-ingressgateway,"
          + " istio-egressgateway), which an entry of the same name changes or turns off.")
  private Kind kind;

  @JsonPropertyDescription("Namespace of the gateway; the control-plane namespace when unset.")
  @Size(max = 63)
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  private String namespace;

  /** How the gateway's Service is exposed. */
  public enum ServiceType {
    LoadBalancer,
    NodePort,
    ClusterIP
  }

  @JsonPropertyDescription(
      "Service type; LoadBalancer for an ingress gateway and ClusterIP for an egress one when"
          + " unset.")
  private ServiceType serviceType;

  @JsonPropertyDescription("Annotations of the gateway's Service (cloud load-balancer settings).")
  @Size(max = 64)
  @ValidationRule(
      value = KubernetesRules.ANNOTATION_KEYS,
      message = KubernetesRules.ANNOTATION_KEYS_MESSAGE)
  private Map<@Size(max = 317) String, @Size(max = 4096) String> serviceAnnotations;

  public ServiceType getServiceType() {
    return serviceType;
  }

  public void setServiceType(ServiceType serviceType) {
    this.serviceType = serviceType;
  }

  public Map<String, String> getServiceAnnotations() {
    return serviceAnnotations;
  }

  public void setServiceAnnotations(Map<String, String> serviceAnnotations) {
    this.serviceAnnotations = serviceAnnotations;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Kind getKind() {
    return kind;
  }

  public void setKind(Kind kind) {
    this.kind = kind;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }
}
