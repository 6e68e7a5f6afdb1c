package dev.meshoperator.render;

import dev.meshoperator.plan.WaypointPlan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayInfrastructureBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A waypoint as {@code istioctl waypoint generate} describes it: a Gateway of class istio-waypoint
 * with one HBONE listener; istiod deploys the proxy behind it. Pure.
 */
public final class WaypointRenderer {

  public static final String GATEWAY_CLASS = "istio-waypoint";
  public static final String COMPONENT = "waypoint";
  static final int HBONE_PORT = 15008;

  private WaypointRenderer() {}

  /** The waypoint Gateways of {@code plans}, as desired objects. */
  public static DesiredState render(List<WaypointPlan> plans, String installation) {
    return new DesiredState(
        plans.stream().map(plan -> (HasMetadata) render(plan, installation)).toList());
  }

  public static Gateway render(WaypointPlan plan, String installation) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(OperatorLabels.MANAGED_BY, OperatorLabels.MANAGED_BY_VALUE);
    labels.put(OperatorLabels.INSTALLATION, installation);
    labels.put(OperatorLabels.COMPONENT, COMPONENT);
    if (plan.trafficType() != null) {
      labels.put(IstioLabels.WAYPOINT_FOR, plan.trafficType().value());
    }
    Gateway gateway =
        new GatewayBuilder()
            .withNewMetadata()
            .withName(plan.name())
            .withNamespace(plan.namespace())
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withGatewayClassName(GATEWAY_CLASS)
            .addNewListener()
            .withName("mesh")
            .withPort(HBONE_PORT)
            .withProtocol("HBONE")
            .endListener()
            .endSpec()
            .build();
    // istiod's waypoint template puts the Gateway's infrastructure labels and annotations on the
    // pods and on every object it deploys for the waypoint.
    if (!plan.podLabels().isEmpty() || !plan.podAnnotations().isEmpty()) {
      gateway
          .getSpec()
          .setInfrastructure(
              new GatewayInfrastructureBuilder()
                  .withLabels(plan.podLabels().isEmpty() ? null : new TreeMap<>(plan.podLabels()))
                  .withAnnotations(
                      plan.podAnnotations().isEmpty() ? null : new TreeMap<>(plan.podAnnotations()))
                  .build());
    }
    return gateway;
  }
}
