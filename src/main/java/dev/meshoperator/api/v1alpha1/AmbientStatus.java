package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Ambient enrollment at a glance: counts for every namespace, names only for those that need
 * attention, so the status stays small on a cluster with thousands of namespaces.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AmbientStatus {

  /** How many namespaces and waypoints the lists below name at most. */
  public static final int LIST_LIMIT = 20;

  @JsonPropertyDescription("Namespaces in the ambient data plane.")
  private int enrolledNamespaces;

  @JsonPropertyDescription("Namespaces waiting to be enrolled.")
  private int pendingNamespaces;

  @JsonPropertyDescription("Namespaces that cannot be enrolled without a decision (see reason).")
  private int conflictingNamespaces;

  @JsonPropertyDescription("The pending and conflicting namespaces, by name (at most 20).")
  private List<NamespaceEnrollmentStatus> namespaces = new ArrayList<>();

  @JsonPropertyDescription("Waypoints that are programmed and in use.")
  private int readyWaypoints;

  @JsonPropertyDescription("Waypoints asked for.")
  private int desiredWaypoints;

  @JsonPropertyDescription("The waypoints that are not ready (at most 20).")
  private List<WaypointStatus> waypoints = new ArrayList<>();

  public int getEnrolledNamespaces() {
    return enrolledNamespaces;
  }

  public void setEnrolledNamespaces(int enrolledNamespaces) {
    this.enrolledNamespaces = enrolledNamespaces;
  }

  public int getPendingNamespaces() {
    return pendingNamespaces;
  }

  public void setPendingNamespaces(int pendingNamespaces) {
    this.pendingNamespaces = pendingNamespaces;
  }

  public int getConflictingNamespaces() {
    return conflictingNamespaces;
  }

  public void setConflictingNamespaces(int conflictingNamespaces) {
    this.conflictingNamespaces = conflictingNamespaces;
  }

  public List<NamespaceEnrollmentStatus> getNamespaces() {
    return namespaces;
  }

  public void setNamespaces(List<NamespaceEnrollmentStatus> namespaces) {
    this.namespaces = namespaces;
  }

  public int getReadyWaypoints() {
    return readyWaypoints;
  }

  public void setReadyWaypoints(int readyWaypoints) {
    this.readyWaypoints = readyWaypoints;
  }

  public int getDesiredWaypoints() {
    return desiredWaypoints;
  }

  public void setDesiredWaypoints(int desiredWaypoints) {
    this.desiredWaypoints = desiredWaypoints;
  }

  public List<WaypointStatus> getWaypoints() {
    return waypoints;
  }

  public void setWaypoints(List<WaypointStatus> waypoints) {
    this.waypoints = waypoints;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AmbientStatus other
        && enrolledNamespaces == other.enrolledNamespaces
        && pendingNamespaces == other.pendingNamespaces
        && conflictingNamespaces == other.conflictingNamespaces
        && Objects.equals(namespaces, other.namespaces)
        && readyWaypoints == other.readyWaypoints
        && desiredWaypoints == other.desiredWaypoints
        && Objects.equals(waypoints, other.waypoints);
  }

  @Override
  public int hashCode() {
    return Objects.hash(enrolledNamespaces, pendingNamespaces, conflictingNamespaces, namespaces);
  }
}
