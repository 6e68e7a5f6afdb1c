package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

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
  private Long inactiveRevisionDeletionGracePeriodSeconds;

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
