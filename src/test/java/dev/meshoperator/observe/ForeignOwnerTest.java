package dev.meshoperator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForeignOwnerTest {

  @Test
  void namesTheHelmReleaseFromHelmsAnnotations() {
    assertThat(
            describe(
                Map.of("app.kubernetes.io/managed-by", "Helm", "istio.io/rev", "canary"),
                Map.of(
                    "meta.helm.sh/release-name", "istiod-canary",
                    "meta.helm.sh/release-namespace", "istio-system")))
        .isEqualTo("the Helm release istiod-canary in istio-system (revision canary)");
    assertThat(describe(Map.of("app.kubernetes.io/managed-by", "Helm"), Map.of()))
        .isEqualTo("a Helm release");
  }

  @Test
  void namesAnIstioctlInstallFromTheLabelIstioctlAddsToTheCharts() {
    // Upstream's charts label what istioctl renders from them as Helm's too.
    assertThat(
            describe(
                Map.of(
                    "app.kubernetes.io/managed-by", "Helm",
                    "operator.istio.io/managed", "Reconcile",
                    "install.operator.istio.io/owning-resource", "installed-state",
                    "operator.istio.io/component", "Pilot",
                    "istio.io/rev", "default"),
                Map.of()))
        .isEqualTo("an istioctl install (installed-state) (revision default)");
    assertThat(
            describe(
                Map.of(
                    "app.kubernetes.io/managed-by", "Helm",
                    "operator.istio.io/managed", "Reconcile",
                    "install.operator.istio.io/owning-resource", "unknown"),
                Map.of()))
        .isEqualTo("an istioctl install");
  }

  @Test
  void chartsRenderedWithoutAReleaseAreNamedAsHelms() {
    assertThat(
            describe(
                Map.of(
                    "app.kubernetes.io/managed-by", "Helm",
                    "install.operator.istio.io/owning-resource", "unknown",
                    "operator.istio.io/component", "Pilot"),
                Map.of()))
        .isEqualTo("a Helm release");
  }

  @Test
  void anythingElseIsAnotherTool() {
    assertThat(describe(Map.of(), Map.of())).isEqualTo("another tool");
  }

  private static String describe(Map<String, String> labels, Map<String, String> annotations) {
    return ForeignOwner.of(
            new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata()
                .withName("istiod-default-validator")
                .withLabels(labels)
                .withAnnotations(annotations)
                .endMetadata()
                .build())
        .describe();
  }
}
