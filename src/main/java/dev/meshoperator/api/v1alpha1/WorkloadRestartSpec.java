package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Opt-in rolling restart of workloads still on an old revision after a promotion. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkloadRestartSpec {

  @JsonPropertyDescription(
      "Restart the Deployments, StatefulSets and DaemonSets of migrated namespaces whose pods"
          + " still run an older revision's proxy.")
  @Default("false")
  private Boolean enabled;

  @JsonPropertyDescription(
      "Workloads restarted at a time; the next batch starts when these have rolled out, and"
          + " none while the active revision is not ready.")
  @Default("1")
  @Min(1)
  @Max(1000)
  private Integer batchSize;

  @JsonPropertyDescription(
      "Seconds a restarted workload may take to roll out; after that the restarts stop, the"
          + " WorkloadsRestarted condition says which one is stuck, and they go on once it has"
          + " rolled out.")
  @Default("600")
  @Min(1)
  @Max(86400)
  private Integer rolloutTimeoutSeconds;

  public Integer getRolloutTimeoutSeconds() {
    return rolloutTimeoutSeconds;
  }

  public void setRolloutTimeoutSeconds(Integer rolloutTimeoutSeconds) {
    this.rolloutTimeoutSeconds = rolloutTimeoutSeconds;
  }

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public Integer getBatchSize() {
    return batchSize;
  }

  public void setBatchSize(Integer batchSize) {
    this.batchSize = batchSize;
  }
}
