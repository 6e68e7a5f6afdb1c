package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** A namespace that should be in the ambient data plane but is not. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NamespaceEnrollmentStatus {

  @JsonPropertyDescription("The namespace.")
  private String name;

  @JsonPropertyDescription("Pending or Conflict.")
  private String state;

  @JsonPropertyDescription("Why, in UpperCamelCase.")
  private String reason;

  @JsonPropertyDescription("Human-readable detail.")
  private String message;

  public NamespaceEnrollmentStatus() {}

  public NamespaceEnrollmentStatus(String name, String state, String reason, String message) {
    this.name = name;
    this.state = state;
    this.reason = reason;
    this.message = message;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NamespaceEnrollmentStatus other
        && Objects.equals(name, other.name)
        && Objects.equals(state, other.state)
        && Objects.equals(reason, other.reason)
        && Objects.equals(message, other.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, state, reason, message);
  }
}
