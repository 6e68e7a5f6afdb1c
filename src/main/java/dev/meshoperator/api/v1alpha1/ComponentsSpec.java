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
        "!has(self.cni) || (!has(self.cni.replicas) && !has(self.cni.autoscaleMin)"
            + " && !has(self.cni.autoscaleMax) && !has(self.cni.podDisruptionBudget))",
    message = ComponentsSpec.NODE_AGENT_MESSAGE,
    fieldPath = ".cni",
    reason = "FieldValueForbidden")
@ValidationRule(
    value =
        "!has(self.ztunnel) || (!has(self.ztunnel.replicas) && !has(self.ztunnel.autoscaleMin)"
            + " && !has(self.ztunnel.autoscaleMax) && !has(self.ztunnel.podDisruptionBudget))",
    message = ComponentsSpec.NODE_AGENT_MESSAGE,
    fieldPath = ".ztunnel",
    reason = "FieldValueForbidden")
@ValidationRule(
    value =
        "!has(self.pilot) || !has(self.pilot.env) || self.pilot.env.all(k, !(k in "
            + ReservedEnv.ISTIOD
            + "))",
    message = ReservedEnv.MESSAGE,
    fieldPath = ".pilot.env",
    reason = "FieldValueForbidden")
@ValidationRule(
    value =
        "!has(self.cni) || !has(self.cni.env) || self.cni.env.all(k, !(k in "
            + ReservedEnv.CNI
            + "))",
    message = ReservedEnv.MESSAGE,
    fieldPath = ".cni.env",
    reason = "FieldValueForbidden")
@ValidationRule(
    value =
        "!has(self.ztunnel) || !has(self.ztunnel.env) || self.ztunnel.env.all(k, !(k in "
            + ReservedEnv.ZTUNNEL
            + "))",
    message = ReservedEnv.MESSAGE,
    fieldPath = ".ztunnel.env",
    reason = "FieldValueForbidden")
public class ComponentsSpec {

  /** A DaemonSet's pods are one per node: the fields of a scaled Deployment would do nothing. */
  static final String NODE_AGENT_MESSAGE =
      "a node agent runs one pod per node (a DaemonSet): replicas, autoscaleMin, autoscaleMax and"
          + " podDisruptionBudget do not apply to it";

  @JsonPropertyDescription("Istio's CRDs and cluster-wide base objects.")
  private BaseSpec base;

  @JsonPropertyDescription("The control plane, istiod.")
  private PilotSpec pilot;

  @JsonPropertyDescription("The istio-cni node agent (DaemonSet).")
  private CniSpec cni;

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

  public PilotSpec getPilot() {
    return pilot;
  }

  public void setPilot(PilotSpec pilot) {
    this.pilot = pilot;
  }

  public CniSpec getCni() {
    return cni;
  }

  public void setCni(CniSpec cni) {
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
