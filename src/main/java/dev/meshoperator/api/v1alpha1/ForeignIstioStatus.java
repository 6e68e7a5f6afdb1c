package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/**
 * An istiod another tool installed (Helm, istioctl), found in the cluster: what the operator leaves
 * alone, and what a move onto the operator would have to take over.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ForeignIstioStatus {

  @JsonPropertyDescription(
      "The tool that installed it, as its labels say: Helm, istioctl or unknown.")
  private String tool;

  @JsonPropertyDescription("The Helm release, or the IstioOperator istioctl installed, when known.")
  private String release;

  @JsonPropertyDescription("The Istio version its image names, when it names one.")
  private String version;

  @JsonPropertyDescription("Its revision (istio.io/rev); default when unlabelled.")
  private String revision;

  @JsonPropertyDescription("The namespace and name of its istiod Deployment.")
  private String istiod;

  @JsonPropertyDescription(
      "Namespaces that select it for injection (istio.io/rev, or istio-injection for the default"
          + " revision), sorted.")
  private List<String> namespaces;

  @JsonPropertyDescription(
      "Pods its injector injected (the istio.io/rev annotation it records, or the pod's label),"
          + " counted when the installation reconciles.")
  private Integer workloads;

  public String getTool() {
    return tool;
  }

  public void setTool(String tool) {
    this.tool = tool;
  }

  public String getRelease() {
    return release;
  }

  public void setRelease(String release) {
    this.release = release;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public String getRevision() {
    return revision;
  }

  public void setRevision(String revision) {
    this.revision = revision;
  }

  public String getIstiod() {
    return istiod;
  }

  public void setIstiod(String istiod) {
    this.istiod = istiod;
  }

  public List<String> getNamespaces() {
    return namespaces;
  }

  public void setNamespaces(List<String> namespaces) {
    this.namespaces = namespaces;
  }

  public Integer getWorkloads() {
    return workloads;
  }

  public void setWorkloads(Integer workloads) {
    this.workloads = workloads;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ForeignIstioStatus other
        && Objects.equals(tool, other.tool)
        && Objects.equals(release, other.release)
        && Objects.equals(version, other.version)
        && Objects.equals(revision, other.revision)
        && Objects.equals(istiod, other.istiod)
        && Objects.equals(namespaces, other.namespaces)
        && Objects.equals(workloads, other.workloads);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tool, release, version, revision, istiod, namespaces, workloads);
  }
}
