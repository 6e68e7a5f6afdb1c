package dev.meshoperator.ambient;

import dev.meshoperator.api.v1alpha1.AmbientStatus;
import dev.meshoperator.api.v1alpha1.NamespaceEnrollmentStatus;
import dev.meshoperator.api.v1alpha1.WaypointStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What one ambient pass found and did.
 *
 * @param waitingFor why new namespaces are not enrolled yet, if they are not
 * @param gatewayApiMissing waypoints are asked for but the Gateway API is not installed
 * @param waypointsRequested whether the spec asks for any waypoint
 */
public record AmbientOutcome(
    AmbientStatus status,
    Optional<String> waitingFor,
    boolean gatewayApiMissing,
    boolean waypointsRequested) {

  static AmbientOutcome of(
      List<NamespaceDecision> decisions,
      int desiredWaypoints,
      List<WaypointStatus> waypointProblems,
      Optional<String> waitingFor,
      boolean gatewayApiMissing,
      boolean waypointsRequested) {
    AmbientStatus status = new AmbientStatus();
    status.setEnrolledNamespaces(count(decisions, EnrollmentState.ENROLLED));
    status.setPendingNamespaces(count(decisions, EnrollmentState.PENDING));
    status.setConflictingNamespaces(count(decisions, EnrollmentState.CONFLICT));
    status.setNamespaces(
        decisions.stream()
            .filter(
                d -> d.state() == EnrollmentState.PENDING || d.state() == EnrollmentState.CONFLICT)
            .sorted(Comparator.comparing(NamespaceDecision::name))
            .limit(AmbientStatus.LIST_LIMIT)
            .map(
                d ->
                    new NamespaceEnrollmentStatus(
                        d.name(), d.state().display(), d.reason(), d.message()))
            .toList());
    status.setDesiredWaypoints(desiredWaypoints);
    status.setReadyWaypoints(desiredWaypoints - waypointProblems.size());
    status.setWaypoints(
        waypointProblems.stream()
            .sorted(
                Comparator.comparing(WaypointStatus::getNamespace)
                    .thenComparing(WaypointStatus::getName))
            .limit(AmbientStatus.LIST_LIMIT)
            .toList());
    return new AmbientOutcome(status, waitingFor, gatewayApiMissing, waypointsRequested);
  }

  private static int count(List<NamespaceDecision> decisions, EnrollmentState state) {
    return (int) decisions.stream().filter(d -> d.state() == state).count();
  }
}
