package dev.meshoperator.ambient;

import dev.meshoperator.api.v1alpha1.WaypointStatus;
import dev.meshoperator.plan.WaypointPlan;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A waypoint is ready when istiod has programmed its Gateway (condition Programmed=True for the
 * current generation): only then does it have a proxy to send traffic to. Pure.
 */
final class WaypointReadiness {

  static final String PROGRAMMED = "Programmed";

  private WaypointReadiness() {}

  /** Empty when ready, or why not. */
  static Optional<WaypointStatus> problem(WaypointPlan plan, Gateway gateway) {
    if (gateway == null) {
      return Optional.of(status(plan, "Creating", "the Gateway is being created"));
    }
    List<Condition> conditions =
        gateway.getStatus() == null
            ? List.of()
            : Objects.requireNonNullElse(gateway.getStatus().getConditions(), List.of());
    Optional<Condition> programmed =
        conditions.stream().filter(c -> PROGRAMMED.equals(c.getType())).findFirst();
    if (programmed.isEmpty()) {
      return Optional.of(
          status(plan, "NotProgrammed", "istiod has not programmed the waypoint yet"));
    }
    Condition condition = programmed.get();
    Long observed = condition.getObservedGeneration();
    if (observed != null && observed < gateway.getMetadata().getGeneration()) {
      return Optional.of(
          status(plan, "NotProgrammed", "istiod has not programmed the latest spec yet"));
    }
    if (!"True".equals(condition.getStatus())) {
      return Optional.of(
          status(
              plan,
              Objects.requireNonNullElse(condition.getReason(), "NotProgrammed"),
              Objects.requireNonNullElse(condition.getMessage(), "not programmed")));
    }
    return Optional.empty();
  }

  static WaypointStatus status(WaypointPlan plan, String reason, String message) {
    return new WaypointStatus(plan.namespace(), plan.name(), reason, message);
  }
}
