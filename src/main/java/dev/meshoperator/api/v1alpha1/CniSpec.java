package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The istio-cni node agent: a workload, and how it redirects ambient pods' traffic. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CniSpec extends WorkloadSpec {

  @JsonPropertyDescription(
      "Traffic redirection of ambient pods; only with the ambient data plane (profile ambient).")
  private CniAmbientSpec ambient;

  public CniAmbientSpec getAmbient() {
    return ambient;
  }

  public void setAmbient(CniAmbientSpec ambient) {
    this.ambient = ambient;
  }
}
