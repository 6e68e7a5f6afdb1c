package dev.meshoperator.revision;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import org.junit.jupiter.api.Test;

class NodeAgentOrderTest {

  @Test
  void ztunnelWaitsUntilIstioCniRunsTheTargetEverywhere() {
    DaemonSet ztunnel = daemonSet("1.29.6", 3, 3);
    assertThat(NodeAgentOrder.ztunnelVersion("1.30.4", daemonSet("1.29.6", 3, 3), ztunnel))
        .as("istio-cni not updated yet")
        .isEqualTo("1.29.6");
    assertThat(NodeAgentOrder.ztunnelVersion("1.30.4", daemonSet("1.30.4", 1, 3), ztunnel))
        .as("istio-cni rolling")
        .isEqualTo("1.29.6");
    assertThat(NodeAgentOrder.ztunnelVersion("1.30.4", daemonSet("1.30.4", 3, 3), ztunnel))
        .isEqualTo("1.30.4");
  }

  @Test
  void aFreshInstallOrAnUnchangedVersionIsNotHeld() {
    assertThat(NodeAgentOrder.ztunnelVersion("1.30.4", null, null)).isEqualTo("1.30.4");
    assertThat(
            NodeAgentOrder.ztunnelVersion(
                "1.30.4", daemonSet("1.29.6", 3, 3), daemonSet("1.30.4", 3, 3)))
        .isEqualTo("1.30.4");
  }

  private static DaemonSet daemonSet(String version, int updated, int desired) {
    return new DaemonSetBuilder()
        .withNewMetadata()
        .withName("ds")
        .withGeneration(1L)
        .addToLabels("app.kubernetes.io/version", version)
        .endMetadata()
        .withNewStatus()
        .withObservedGeneration(1L)
        .withDesiredNumberScheduled(desired)
        .withUpdatedNumberScheduled(updated)
        .withNumberAvailable(updated)
        .endStatus()
        .build();
  }
}
