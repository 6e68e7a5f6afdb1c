package dev.meshoperator.apply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApplyOrderTest {

  @Test
  void theNamespaceComesFirstAndWebhooksLast() {
    assertThat(ApplyOrder.stage("Namespace"))
        .isLessThan(ApplyOrder.stage("CustomResourceDefinition"));
    assertThat(ApplyOrder.stage("Namespace")).isLessThan(ApplyOrder.stage("ServiceAccount"));
    assertThat(ApplyOrder.stage("Deployment"))
        .isLessThan(ApplyOrder.stage("MutatingWebhookConfiguration"));
    assertThat(ApplyOrder.stage("ValidatingWebhookConfiguration"))
        .isLessThan(ApplyOrder.stage("Gateway"));
  }

  @Test
  void podsFindTheirIdentityAndConfigWrittenBeforeThem() {
    for (String needed : new String[] {"ServiceAccount", "ConfigMap", "RoleBinding", "Service"}) {
      assertThat(ApplyOrder.stage(needed)).as(needed).isLessThan(ApplyOrder.stage("DaemonSet"));
    }
  }

  @Test
  void objectsThatTheApiServerTakesInAnyOrderShareAStage() {
    assertThat(ApplyOrder.stage("Role")).isEqualTo(ApplyOrder.stage("RoleBinding"));
    assertThat(ApplyOrder.stage("ClusterRole")).isEqualTo(ApplyOrder.stage("ConfigMap"));
    assertThat(ApplyOrder.stage("Deployment")).isEqualTo(ApplyOrder.stage("DaemonSet"));
    assertThat(ApplyOrder.stage("CustomResourceDefinition"))
        .isEqualTo(ApplyOrder.stage("ClusterRole"));
  }
}
