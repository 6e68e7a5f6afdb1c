package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Settings of each Istio component; what is left out follows the profile. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "(!has(self.cni) || !has(self.cni.podDisruptionBudget))"
            + " && (!has(self.ztunnel) || !has(self.ztunnel.podDisruptionBudget))",
    message = "the node agents (cni, ztunnel) run one pod per node and take no podDisruptionBudget")
public class ComponentsSpec {

  @JsonPropertyDescription("Istio's CRDs and cluster-wide base objects.")
  private BaseSpec base;

  @JsonPropertyDescription("The control plane, istiod.")
  private WorkloadSpec pilot;

  @JsonPropertyDescription("The istio-cni node agent (DaemonSet).")
  private WorkloadSpec cni;

  @JsonPropertyDescription("The ambient-mode node proxy (DaemonSet).")
  private WorkloadSpec ztunnel;

  @JsonPropertyDescription("Ingress and egress gateways.")
  @Size(max = 32)
  private List<GatewaySpec> gateways;

  public BaseSpec getBase() {
    return base;
  }

  public void setBase(BaseSpec base) {
    this.base = base;
  }

  public WorkloadSpec getPilot() {
    return pilot;
  }

  public void setPilot(WorkloadSpec pilot) {
    this.pilot = pilot;
  }

  public WorkloadSpec getCni() {
    return cni;
  }

  public void setCni(WorkloadSpec cni) {
    this.cni = cni;
  }

  public WorkloadSpec getZtunnel() {
    return ztunnel;
  }

  public void setZtunnel(WorkloadSpec ztunnel) {
    this.ztunnel = ztunnel;
  }

  public List<GatewaySpec> getGateways() {
    return gateways;
  }

  public void setGateways(List<GatewaySpec> gateways) {
    this.gateways = gateways;
  }
}
