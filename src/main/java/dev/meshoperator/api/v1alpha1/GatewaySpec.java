package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** An ingress or egress gateway deployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
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

  @JsonPropertyDescription("Ingress or Egress.")
  @Required
  private Kind kind;

  @JsonPropertyDescription("Namespace of the gateway; the control-plane namespace when unset.")
  @Size(max = 63)
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  private String namespace;

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
