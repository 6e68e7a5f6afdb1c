package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** A waypoint that is not ready yet, and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WaypointStatus {

  @JsonPropertyDescription("Namespace of the waypoint's Gateway.")
  private String namespace;

  @JsonPropertyDescription("Name of the waypoint's Gateway.")
  private String name;

  @JsonPropertyDescription("Why, in UpperCamelCase.")
  private String reason;

  @JsonPropertyDescription("Human-readable detail.")
  private String message;

  public WaypointStatus() {}

  public WaypointStatus(String namespace, String name, String reason, String message) {
    this.namespace = namespace;
    this.name = name;
    this.reason = reason;
    this.message = message;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
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
    return o instanceof WaypointStatus other
        && Objects.equals(namespace, other.namespace)
        && Objects.equals(name, other.name)
        && Objects.equals(reason, other.reason)
        && Objects.equals(message, other.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(namespace, name, reason, message);
  }
}
