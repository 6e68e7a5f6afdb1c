package dev.meshoperator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.WaypointSpec.TrafficType;
import dev.meshoperator.plan.WaypointPlan;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaypointRendererTest {

  @Test
  void aWaypointsOwnLabelsAndAnnotationsBecomeItsInfrastructure() {
    Gateway gateway =
        WaypointRenderer.render(
            new WaypointPlan(
                "shop",
                "waypoint",
                TrafficType.SERVICE,
                Map.of("team", "shop"),
                Map.of("example.com/owner", "shop-team")),
            "mesh");

    assertThat(gateway.getSpec().getInfrastructure().getLabels()).isEqualTo(Map.of("team", "shop"));
    assertThat(gateway.getSpec().getInfrastructure().getAnnotations())
        .isEqualTo(Map.of("example.com/owner", "shop-team"));
  }

  @Test
  void aWaypointWithoutThemHasNoInfrastructure() {
    Gateway gateway =
        WaypointRenderer.render(
            new WaypointPlan("shop", "waypoint", TrafficType.SERVICE, null, Map.of()), "mesh");

    // Unchanged from before the fields existed: no write to Gateways already running.
    assertThat(gateway.getSpec().getInfrastructure()).isNull();
  }
}
