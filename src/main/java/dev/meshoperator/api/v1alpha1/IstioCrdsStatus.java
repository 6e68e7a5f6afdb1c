package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** Istio's CRDs in the cluster: whose schemas they have and who manages them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IstioCrdsStatus {

  @JsonPropertyDescription(
      "The istio.io/api release whose CRDs (schemas, validation rules, printer columns) the"
          + " cluster holds, when this operator wrote them.")
  private String release;

  @JsonPropertyDescription("Who manages them: mesh-operator, or the tool that installed them.")
  private String managedBy;

  @JsonPropertyDescription("Why some are left as they are, when they are.")
  private String message;

  public String getRelease() {
    return release;
  }

  public void setRelease(String release) {
    this.release = release;
  }

  public String getManagedBy() {
    return managedBy;
  }

  public void setManagedBy(String managedBy) {
    this.managedBy = managedBy;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IstioCrdsStatus other
        && Objects.equals(release, other.release)
        && Objects.equals(managedBy, other.managedBy)
        && Objects.equals(message, other.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(release, managedBy, message);
  }
}
