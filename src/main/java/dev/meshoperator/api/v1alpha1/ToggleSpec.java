package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A component that can only be switched on or off. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ToggleSpec {

  @JsonPropertyDescription("Whether the component is installed; unset follows the profile.")
  private Boolean enabled;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }
}
