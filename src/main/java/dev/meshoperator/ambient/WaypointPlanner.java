package dev.meshoperator.ambient;

import dev.meshoperator.api.v1alpha1.AmbientSpec;
import dev.meshoperator.api.v1alpha1.WaypointSpec;
import dev.meshoperator.plan.WaypointPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which waypoints the spec asks for. A namespace uses one waypoint: one named for it wins over one
 * given to every enrolled namespace, and the first entry wins among equals. Pure.
 */
public final class WaypointPlanner {

  /** The Gateway API's Gateway CRD: waypoints can exist only once it is established. */
  public static final String GATEWAY_CRD = "gateways.gateway.networking.k8s.io";

  static final String DEFAULT_NAME = "waypoint";
  static final String NOT_ENROLLED = "NamespaceNotEnrolled";

  /** The waypoints to have, and the requested ones that cannot exist yet. */
  public record Result(List<WaypointPlan> wanted, List<WaypointPlan> notEnrolled) {}

  private WaypointPlanner() {}

  public static Result plan(AmbientSpec spec, List<NamespaceDecision> decisions) {
    List<WaypointSpec> specs =
        spec == null ? List.of() : Objects.requireNonNullElse(spec.getWaypoints(), List.of());
    Set<String> enrolled =
        decisions.stream()
            .filter(d -> d.state() == EnrollmentState.ENROLLED)
            .map(NamespaceDecision::name)
            .collect(Collectors.toCollection(TreeSet::new));
    Map<String, WaypointPlan> byNamespace = new LinkedHashMap<>();
    List<WaypointPlan> notEnrolled = new ArrayList<>();
    for (WaypointSpec waypoint : specs) {
      if (waypoint.getNamespace() == null) {
        continue;
      }
      WaypointPlan plan = plan(waypoint, waypoint.getNamespace());
      if (!enrolled.contains(plan.namespace())) {
        notEnrolled.add(plan);
      } else {
        byNamespace.putIfAbsent(plan.namespace(), plan);
      }
    }
    for (WaypointSpec waypoint : specs) {
      if (Boolean.TRUE.equals(waypoint.getAllEnrolledNamespaces())) {
        enrolled.forEach(ns -> byNamespace.putIfAbsent(ns, plan(waypoint, ns)));
      }
    }
    return new Result(List.copyOf(byNamespace.values()), List.copyOf(notEnrolled));
  }

  private static WaypointPlan plan(WaypointSpec waypoint, String namespace) {
    return new WaypointPlan(
        namespace,
        Objects.requireNonNullElse(waypoint.getName(), DEFAULT_NAME),
        waypoint.getTrafficType(),
        waypoint.getPodLabels(),
        waypoint.getPodAnnotations());
  }
}
