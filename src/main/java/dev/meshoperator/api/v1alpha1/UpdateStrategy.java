package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** How a version change reaches the running control plane. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UpdateStrategy {

  /** The two upgrade styles Istio documents. */
  public enum Type {
    @JsonProperty("InPlace")
    IN_PLACE,
    @JsonProperty("RevisionBased")
    REVISION_BASED
  }

  @JsonPropertyDescription(
      "InPlace updates the single control plane; RevisionBased runs each version as its own"
          + " revision beside the old one (canary).")
  @Default("InPlace")
  private Type type;

  @JsonPropertyDescription(
      "RevisionBased only: seconds an unused, inactive revision is kept before it is deleted.")
  @Default("30")
  @Min(0)
  @Max(31536000)
  private Long inactiveRevisionDeletionGracePeriodSeconds;

  /** When the default revision tag moves to a new revision. */
  public enum Promotion {
    @JsonProperty("Automatic")
    AUTOMATIC,
    @JsonProperty("Manual")
    MANUAL
  }

  @JsonPropertyDescription(
      "RevisionBased only: Automatic moves the default tag to a new revision once it is ready;"
          + " Manual moves it only to the revision of promotedVersion.")
  @Default("Automatic")
  private Promotion promotion;

  @JsonPropertyDescription(
      "RevisionBased with Manual promotion: the version whose revision the default tag points"
          + " at, once that revision is ready.")
  private String promotedVersion;

  @JsonPropertyDescription(
      "RevisionBased only: named tags, each pinned to the revision of a version (started if it"
          + " does not run). A tagged revision is never pruned.")
  @Size(max = 16)
  @ValidationRule(
      value = "self.all(t, self.exists_one(u, u.name == t.name))",
      message = "tag names must be unique")
  private List<RevisionTagSpec> tags;

  public List<RevisionTagSpec> getTags() {
    return tags;
  }

  public void setTags(List<RevisionTagSpec> tags) {
    this.tags = tags;
  }

  @JsonPropertyDescription(
      "Lets a version change cross more minor lines than Istio supports: more than one in place,"
          + " more than two as a canary. For those who have tested that move themselves; the"
          + " Kubernetes range of the target release is checked all the same.")
  private Boolean allowUnsupportedVersionMoves;

  public Boolean getAllowUnsupportedVersionMoves() {
    return allowUnsupportedVersionMoves;
  }

  public void setAllowUnsupportedVersionMoves(Boolean allow) {
    this.allowUnsupportedVersionMoves = allow;
  }

  @JsonPropertyDescription("RevisionBased only: opt-in restart of workloads after a promotion.")
  private WorkloadRestartSpec workloadRestart;

  public WorkloadRestartSpec getWorkloadRestart() {
    return workloadRestart;
  }

  public void setWorkloadRestart(WorkloadRestartSpec workloadRestart) {
    this.workloadRestart = workloadRestart;
  }

  public Promotion getPromotion() {
    return promotion;
  }

  public void setPromotion(Promotion promotion) {
    this.promotion = promotion;
  }

  public String getPromotedVersion() {
    return promotedVersion;
  }

  public void setPromotedVersion(String promotedVersion) {
    this.promotedVersion = promotedVersion;
  }

  public Type getType() {
    return type;
  }

  public void setType(Type type) {
    this.type = type;
  }

  public Long getInactiveRevisionDeletionGracePeriodSeconds() {
    return inactiveRevisionDeletionGracePeriodSeconds;
  }

  public void setInactiveRevisionDeletionGracePeriodSeconds(Long seconds) {
    this.inactiveRevisionDeletionGracePeriodSeconds = seconds;
  }
}
