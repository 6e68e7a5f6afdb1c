package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** An ingress or egress gateway deployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.kind) || self.name in ['istio-ingressgateway', 'istio-egressgateway']",
    message = "kind (Ingress or Egress) is required for a gateway the profiles do not define")
public class GatewaySpec extends WorkloadSpec {

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
  private Map<String, String> serviceAnnotations;

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
