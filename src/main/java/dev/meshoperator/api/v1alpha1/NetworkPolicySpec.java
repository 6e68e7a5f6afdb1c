package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Whether the operator writes NetworkPolicies for Istio's own pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NetworkPolicySpec {

  @JsonPropertyDescription("Write the NetworkPolicies; off when unset.")
  private Boolean enabled;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }
}
