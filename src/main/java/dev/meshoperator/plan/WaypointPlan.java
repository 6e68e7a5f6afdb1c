package dev.meshoperator.plan;

import dev.meshoperator.api.v1alpha1.WaypointSpec.TrafficType;
import java.util.Map;

/**
 * One waypoint Gateway the spec asks for, in an enrolled namespace.
 *
 * @param podLabels labels istiod puts on what it deploys for the waypoint (empty: none)
 * @param podAnnotations annotations istiod puts on what it deploys for the waypoint (empty: none)
 */
public record WaypointPlan(
    String namespace,
    String name,
    TrafficType trafficType,
    Map<String, String> podLabels,
    Map<String, String> podAnnotations) {

  public WaypointPlan {
    podLabels = podLabels == null ? Map.of() : Map.copyOf(podLabels);
    podAnnotations = podAnnotations == null ? Map.of() : Map.copyOf(podAnnotations);
  }

  public String key() {
    return namespace + "/" + name;
  }
}
