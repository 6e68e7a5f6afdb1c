package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/** The knobs of a component that runs pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.autoscaleMin) || !has(self.autoscaleMax) || self.autoscaleMin <= self.autoscaleMax",
    message = "autoscaleMin must not exceed autoscaleMax")
public class WorkloadSpec extends ToggleSpec {

  @JsonPropertyDescription("Fixed replica count; ignored while autoscaling is on.")
  @Min(0)
  @Max(1000)
  private Integer replicas;

  @JsonPropertyDescription("Autoscaling lower bound (HorizontalPodAutoscaler minReplicas).")
  @Min(1)
  @Max(1000)
  private Integer autoscaleMin;

  @JsonPropertyDescription("Autoscaling upper bound (HorizontalPodAutoscaler maxReplicas).")
  @Min(1)
  @Max(1000)
  private Integer autoscaleMax;

  @JsonPropertyDescription("Container resources; replaces the profile's.")
  private ResourceRequirements resources;

  @JsonPropertyDescription(
      "Extra environment variables for the main container, merged over the defaults.")
  private Map<String, String> env;

  @JsonPropertyDescription("Node selector for the pods.")
  private Map<String, String> nodeSelector;

  @JsonPropertyDescription("Tolerations added to the pods.")
  @Size(max = 64)
  private List<Toleration> tolerations;

  @JsonPropertyDescription(
      "Image registry overriding the catalog's, e.g. registry.example.com/istio.")
  @Size(max = 253)
  @Pattern("^[^\\s:@]+(:[0-9]+)?(/[^\\s:@]+)*$")
  private String hub;

  @JsonPropertyDescription(
      "Image tag overriding the catalog's, or a digest (sha256:...) that pins the image exactly.")
  @Size(max = 128)
  @Pattern("^([A-Za-z0-9_][A-Za-z0-9_.-]*|sha256:[a-f0-9]{64})$")
  private String tag;

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getAutoscaleMin() {
    return autoscaleMin;
  }

  public void setAutoscaleMin(Integer autoscaleMin) {
    this.autoscaleMin = autoscaleMin;
  }

  public Integer getAutoscaleMax() {
    return autoscaleMax;
  }

  public void setAutoscaleMax(Integer autoscaleMax) {
    this.autoscaleMax = autoscaleMax;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public Map<String, String> getEnv() {
    return env;
  }

  public void setEnv(Map<String, String> env) {
    this.env = env;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public String getHub() {
    return hub;
  }

  public void setHub(String hub) {
    this.hub = hub;
  }

  public String getTag() {
    return tag;
  }

  public void setTag(String tag) {
    this.tag = tag;
  }
}
