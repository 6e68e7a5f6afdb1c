package dev.meshoperator.plan;

import dev.meshoperator.api.v1alpha1.WaypointSpec.TrafficType;

/** One waypoint Gateway the spec asks for, in an enrolled namespace. */
public record WaypointPlan(String namespace, String name, TrafficType trafficType) {

  public String key() {
    return namespace + "/" + name;
  }
}
