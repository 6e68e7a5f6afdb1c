package dev.meshoperator.ambient;

import dev.meshoperator.api.v1alpha1.WaypointStatus;
import dev.meshoperator.plan.WaypointPlan;
import java.util.List;
import java.util.Optional;

/**
 * One ambient pass, decided: what each namespace should carry and which waypoints to have.
 *
 * @param decisions every namespace's enrollment, use-waypoint label included
 * @param waypoints the waypoint Gateways to have (none while the Gateway API is missing)
 * @param gatewayApi whether the Gateway API is installed (Gateways can be written and pruned)
 * @param desiredWaypoints how many waypoints the spec asks for
 * @param waypointProblems the asked-for waypoints that are not usable, and why
 * @param waitingFor why new namespaces are not enrolled yet, if they are not
 * @param waypointsRequested whether the spec asks for any waypoint
 */
public record AmbientPlan(
    List<NamespaceDecision> decisions,
    List<WaypointPlan> waypoints,
    boolean gatewayApi,
    int desiredWaypoints,
    List<WaypointStatus> waypointProblems,
    Optional<String> waitingFor,
    boolean waypointsRequested) {

  /** What came of the pass once its namespace writes were made ({@code done}: as they ended). */
  public AmbientOutcome outcome(List<NamespaceDecision> done) {
    return AmbientOutcome.of(
        done,
        desiredWaypoints,
        waypointProblems,
        waitingFor,
        waypointsRequested && !gatewayApi,
        waypointsRequested);
  }
}
