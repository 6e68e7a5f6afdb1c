package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Istio's base component: its CRDs and the cluster-wide objects beside them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BaseSpec extends ToggleSpec {

  @JsonPropertyDescription(
      "Take over Istio's CRDs that another tool manages (Helm, istioctl, Sail Operator, OLM):"
          + " this installation then applies its release's CRDs over them. Unset or false leaves"
          + " such CRDs as they are and reports them in status.istioCRDs.")
  private Boolean takeOverCrds;

  public Boolean getTakeOverCrds() {
    return takeOverCrds;
  }

  public void setTakeOverCrds(Boolean takeOverCrds) {
    this.takeOverCrds = takeOverCrds;
  }
}
