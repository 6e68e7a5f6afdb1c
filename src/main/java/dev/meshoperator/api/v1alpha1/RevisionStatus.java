package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One running control plane (revision) of a RevisionBased installation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RevisionStatus {

  @JsonPropertyDescription("Revision name: the istio.io/rev value, istiod-<name> its Deployment.")
  private String name;

  @JsonPropertyDescription("Istio version the revision runs.")
  private String version;

  @JsonPropertyDescription("Revision tags pointing at it (default: istio-injection=enabled).")
  private List<String> tags = new ArrayList<>();

  @JsonPropertyDescription("True when its istiod is available.")
  private String ready;

  @JsonPropertyDescription(
      "Pods injected by this revision (the istio.io/rev annotation its injector records, or the"
          + " pod's label).")
  private int pods;

  @JsonPropertyDescription("Namespaces labelled istio.io/rev=<name>.")
  private int namespaces;

  /** How many workloads a revision lists: enough to act on, small enough for a status. */
  public static final int MAX_WORKLOADS = 20;

  @JsonPropertyDescription(
      "Workloads (namespace/Kind/name) whose pods run this revision's proxy, sorted, at most 20;"
          + " pods counts them all.")
  private List<String> workloads;

  @JsonPropertyDescription(
      "Active revision with workloadRestart on: workloads (Deployments, StatefulSets,"
          + " DaemonSets) restarted onto it so far.")
  private Integer restartedDeployments;

  @JsonPropertyDescription(
      "When the revision was first seen inactive and unused; it is deleted after the grace"
          + " period.")
  private String unusedSince;

  public List<String> getWorkloads() {
    return workloads;
  }

  public void setWorkloads(List<String> workloads) {
    this.workloads = workloads;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public List<String> getTags() {
    return tags;
  }

  public void setTags(List<String> tags) {
    this.tags = tags;
  }

  public String getReady() {
    return ready;
  }

  public void setReady(String ready) {
    this.ready = ready;
  }

  public int getPods() {
    return pods;
  }

  public void setPods(int pods) {
    this.pods = pods;
  }

  public int getNamespaces() {
    return namespaces;
  }

  public void setNamespaces(int namespaces) {
    this.namespaces = namespaces;
  }

  public Integer getRestartedDeployments() {
    return restartedDeployments;
  }

  public void setRestartedDeployments(Integer restartedDeployments) {
    this.restartedDeployments = restartedDeployments;
  }

  public String getUnusedSince() {
    return unusedSince;
  }

  public void setUnusedSince(String unusedSince) {
    this.unusedSince = unusedSince;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RevisionStatus other
        && Objects.equals(name, other.name)
        && Objects.equals(version, other.version)
        && Objects.equals(tags, other.tags)
        && Objects.equals(ready, other.ready)
        && pods == other.pods
        && namespaces == other.namespaces
        && Objects.equals(restartedDeployments, other.restartedDeployments)
        && Objects.equals(workloads, other.workloads)
        && Objects.equals(unusedSince, other.unusedSince);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, version, tags, ready, pods, namespaces, workloads, unusedSince);
  }
}
