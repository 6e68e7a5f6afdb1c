package dev.meshoperator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.ForeignIstioStatus;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.testing.AuditLog;
import dev.meshoperator.testing.AuditedCluster;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.Namespaces;
import dev.meshoperator.testing.PackagedOperator;
import dev.meshoperator.testing.ProjectTools;
import dev.meshoperator.testing.UpstreamIstioModule;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Istio installed the way its Helm users do (upstream's base and istiod charts of the pinned
 * istio.io/istio module, by the Helm the tests build), then a MeshInstallation beside it: the
 * packaged operator reports the Helm install in status.foreignIstio (release, revision, the
 * namespaces and pods on it) with a Normal Event, names the Helm release that owns the webhook it
 * will not take over, and writes nothing of Helm's.
 */
class ForeignIstioIT {

  private static final Duration BOUND = Duration.ofMinutes(2);

  @Test
  void aHelmInstallOfIstioIsReportedAndLeftAlone() throws Exception {
    try (AuditedCluster cluster = AuditedCluster.start("foreign-istio-it", 1)) {
      KubernetesClient admin = cluster.admin();
      AuditLog audit = cluster.audit();
      // The pod before Istio: with no istiod behind them, the release's injectors refuse pods.
      Namespaces.apply(admin, "shop", Map.of());
      admin.pods().inNamespace("shop").resource(injectedPod()).create();
      Path charts = UpstreamIstioModule.directory().resolve("manifests/charts");
      Map<String, String> kubeconfig =
          Map.of("KUBECONFIG", cluster.cluster().kubeconfig().toString());
      ProjectTools.check(
          kubeconfig,
          "helm",
          "install",
          "istio-base",
          charts.resolve("base").toString(),
          "-n",
          "istio-system",
          "--create-namespace");
      ProjectTools.check(
          kubeconfig,
          "helm",
          "install",
          "istiod",
          charts.resolve("istio-control/istio-discovery").toString(),
          "-n",
          "istio-system");
      Namespaces.apply(admin, "shop", Map.of("istio-injection", "enabled"));

      long offset = audit.mark();
      try (PackagedOperator operator =
          cluster.startOperator(Map.of(), "operator.log").awaitStarted(BOUND)) {
        MeshInstallation mesh =
            admin.resource(Installations.of("beside-helm", spec -> {})).create();
        MeshAssert.of(admin, mesh)
            .within(BOUND)
            .awaitStatus(
                current -> {
                  assertThat(operator.isAlive()).as("operator; see %s", operator.log()).isTrue();
                  assertThat(MeshAssert.requireCondition(current, "Reconciled").getMessage())
                      .contains(
                          "WebhookOwnedByOthers: ValidatingWebhookConfiguration"
                              + " istiod-default-validator belongs to the Helm release istio-base"
                              + " in istio-system");
                  assertThat(current.getStatus().getForeignIstio())
                      .singleElement()
                      .satisfies(ForeignIstioIT::isTheHelmInstall);
                });
        await()
            .atMost(BOUND)
            .untilAsserted(
                () ->
                    assertThat(MeshAssert.of(admin, mesh).events())
                        .anySatisfy(
                            e -> {
                              assertThat(e.getReason()).isEqualTo("ForeignIstioFound");
                              assertThat(e.getMessage())
                                  .startsWith("istiod istio-system/istiod (revision default")
                                  .contains(
                                      "was installed by Helm (istiod): 1 namespace and 1 pod use"
                                          + " it");
                            }));
        audit.awaitQuiet(3_000, BOUND.toMillis());
        assertThat(audit.writtenObjects(offset, resource -> resource.equals("events")))
            .as("what the operator wrote beside the Helm install")
            .isEmpty();
      }
    }
  }

  private static void isTheHelmInstall(ForeignIstioStatus found) {
    assertThat(found.getTool()).isEqualTo("Helm");
    assertThat(found.getRelease()).isEqualTo("istiod");
    assertThat(found.getRevision()).isEqualTo("default");
    assertThat(found.getIstiod()).isEqualTo("istio-system/istiod");
    assertThat(found.getNamespaces()).containsExactly("shop");
    assertThat(found.getWorkloads()).isEqualTo(1);
  }

  /** A pod as Istio's injector leaves it: labelled with the revision that injected it. */
  private static Pod injectedPod() {
    return new PodBuilder()
        .withNewMetadata()
        .withName("cart")
        .withLabels(Map.of("app", "cart", "istio.io/rev", "default"))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("cart")
        .withImage("registry.example.com/cart:1")
        .endContainer()
        .endSpec()
        .build();
  }
}
