package dev.meshoperator.status;

import dev.meshoperator.ambient.AmbientOutcome;
import dev.meshoperator.api.v1alpha1.AmbientStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** NamespacesEnrolled and WaypointsReady, present only while spec.ambient asks for them. */
final class AmbientConditions {

  private AmbientConditions() {}

  static List<Condition> set(
      List<Condition> conditions, AmbientOutcome outcome, long generation, Instant now) {
    if (outcome == null) {
      return Conditions.remove(
          Conditions.remove(conditions, Conditions.NAMESPACES_ENROLLED),
          Conditions.WAYPOINTS_READY);
    }
    AmbientStatus ambient = outcome.status();
    List<Condition> result = enrollment(conditions, outcome, ambient, generation, now);
    return outcome.waypointsRequested()
        ? waypoints(result, outcome, ambient, generation, now)
        : Conditions.remove(result, Conditions.WAYPOINTS_READY);
  }

  private static List<Condition> enrollment(
      List<Condition> conditions,
      AmbientOutcome outcome,
      AmbientStatus ambient,
      long generation,
      Instant now) {
    if (ambient.getConflictingNamespaces() > 0) {
      return Conditions.set(
          conditions,
          Conditions.NAMESPACES_ENROLLED,
          false,
          Conditions.EnrollmentReason.Conflicts,
          ambient.getConflictingNamespaces()
              + " namespace(s) need a decision: "
              + ambient.getNamespaces().stream()
                  .filter(n -> "Conflict".equals(n.getState()))
                  .map(n -> n.getName() + " (" + n.getReason() + ")")
                  .collect(Collectors.joining(", ")),
          generation,
          now);
    }
    if (ambient.getPendingNamespaces() > 0) {
      return Conditions.set(
          conditions,
          Conditions.NAMESPACES_ENROLLED,
          false,
          Conditions.EnrollmentReason.WaitingForDataPlane,
          ambient.getPendingNamespaces()
              + " namespace(s) wait: "
              + outcome.waitingFor().orElse("the data plane is not ready"),
          generation,
          now);
    }
    return Conditions.set(
        conditions,
        Conditions.NAMESPACES_ENROLLED,
        true,
        Conditions.EnrollmentReason.Enrolled,
        ambient.getEnrolledNamespaces() == 0
            ? "no namespace is listed or selected"
            : ambient.getEnrolledNamespaces() + " namespace(s) are in the ambient data plane",
        generation,
        now);
  }

  private static List<Condition> waypoints(
      List<Condition> conditions,
      AmbientOutcome outcome,
      AmbientStatus ambient,
      long generation,
      Instant now) {
    if (outcome.gatewayApiMissing()) {
      return Conditions.set(
          conditions,
          Conditions.WAYPOINTS_READY,
          false,
          Conditions.WaypointsReason.GatewayAPIMissing,
          "waypoints need the Gateway API CRDs (gateway.networking.k8s.io); install them",
          generation,
          now);
    }
    boolean ready = ambient.getReadyWaypoints() == ambient.getDesiredWaypoints();
    return Conditions.set(
        conditions,
        Conditions.WAYPOINTS_READY,
        ready,
        ready ? Conditions.WaypointsReason.WaypointsReady : Conditions.WaypointsReason.NotReady,
        ambient.getReadyWaypoints()
            + " of "
            + ambient.getDesiredWaypoints()
            + " waypoints ready"
            + (ready
                ? ""
                : ": "
                    + ambient.getWaypoints().stream()
                        .map(w -> w.getNamespace() + "/" + w.getName() + " (" + w.getReason() + ")")
                        .collect(Collectors.joining(", "))),
        generation,
        now);
  }
}
