package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;

/** The PodDisruptionBudget of a Deployment the operator runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.minAvailable) || !has(self.maxUnavailable)",
    message = "set minAvailable or maxUnavailable, not both")
@ValidationRule(
    value =
        "!has(self.enabled) || self.enabled || (!has(self.minAvailable) && !has(self.maxUnavailable))",
    message = "minAvailable and maxUnavailable need the budget enabled")
public class DisruptionBudgetSpec {

  @JsonPropertyDescription(
      "Write the budget. Unset: only while more than one replica is guaranteed (minAvailable 1).")
  private Boolean enabled;

  @JsonPropertyDescription("Pods that must stay available: a number or a percentage such as 50%.")
  private IntOrString minAvailable;

  @JsonPropertyDescription("Pods that may be down at once: a number or a percentage.")
  private IntOrString maxUnavailable;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public IntOrString getMinAvailable() {
    return minAvailable;
  }

  public void setMinAvailable(IntOrString minAvailable) {
    this.minAvailable = minAvailable;
  }

  public IntOrString getMaxUnavailable() {
    return maxUnavailable;
  }

  public void setMaxUnavailable(IntOrString maxUnavailable) {
    this.maxUnavailable = maxUnavailable;
  }
}
