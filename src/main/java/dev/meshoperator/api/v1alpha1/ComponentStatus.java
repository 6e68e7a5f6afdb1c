package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** Readiness of one component, with the reason when it is not ready. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComponentStatus {

  @JsonPropertyDescription("Component name: base, istiod, cni, ztunnel or a gateway's name.")
  private String name;

  @JsonPropertyDescription("True, False or Unknown.")
  private String ready;

  @JsonPropertyDescription("Why, in UpperCamelCase.")
  private String reason;

  @JsonPropertyDescription("Human-readable detail.")
  private String message;

  public ComponentStatus() {}

  public ComponentStatus(String name, String ready, String reason, String message) {
    this.name = name;
    this.ready = ready;
    this.reason = reason;
    this.message = message;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getReady() {
    return ready;
  }

  public void setReady(String ready) {
    this.ready = ready;
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
    return o instanceof ComponentStatus other
        && Objects.equals(name, other.name)
        && Objects.equals(ready, other.ready)
        && Objects.equals(reason, other.reason)
        && Objects.equals(message, other.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, ready, reason, message);
  }
}
