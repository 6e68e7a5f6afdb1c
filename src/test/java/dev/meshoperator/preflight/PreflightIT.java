package dev.meshoperator.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshoperator.api.v1alpha1.BaseSpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.MeshInstallationSpec;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.api.v1alpha1.UpdateStrategy;
import dev.meshoperator.status.Conditions;
import dev.meshoperator.testing.CrdRemoval;
import dev.meshoperator.testing.DeploymentImages;
import dev.meshoperator.testing.DumpOnFailure;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.LocalClusterTestResource;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.MeshEdits;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Preflight blockers stop a reconcile before anything is written, and clear by themselves. */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterTestResource.class, restrictToAnnotatedClass = true)
@ExtendWith(DumpOnFailure.class)
@Tag(Tiers.CLUSTER)
class PreflightIT {

  private static final Duration BOUND = Duration.ofSeconds(90);

  @Inject KubernetesClient client;

  private MeshInstallation mesh;

  @AfterEach
  void deleteInstallation() {
    if (mesh != null) {
      client.resource(mesh).delete();
      await().atMost(BOUND).until(() -> client.resource(mesh).get() == null);
    }
  }

  @Test
  void aWebhookSomeoneElseInstalledBlocksTheInstallUntilItIsGone() {
    String name = "pf-" + UUID.randomUUID().toString().substring(0, 8);
    MutatingWebhookConfiguration foreign =
        client
            .resource(
                new MutatingWebhookConfigurationBuilder()
                    .withNewMetadata()
                    .withName("istio-sidecar-injector-" + name)
                    .addToLabels("app.kubernetes.io/managed-by", "Helm")
                    .addToLabels("istio.io/rev", "default")
                    .addToAnnotations("meta.helm.sh/release-name", "istiod")
                    .addToAnnotations("meta.helm.sh/release-namespace", "istio-system")
                    .endMetadata()
                    .build())
            .create();
    mesh = create(name, spec -> {});

    Condition reconciled = awaitReconciled("False");
    assertThat(reconciled.getReason()).isEqualTo("PreflightFailed");
    assertThat(reconciled.getMessage())
        .contains(
            "WebhookOwnedByOthers: MutatingWebhookConfiguration istio-sidecar-injector-"
                + name
                + " belongs to the Helm release istiod in istio-system (revision default), not to"
                + " this operator");
    assertThat(client.apps().deployments().inNamespace(name).withName("istiod").get())
        .as("nothing is written while blocked")
        .isNull();
    assertThat(client.resource(foreign).get().getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "Helm");

    client.resource(foreign).delete();
    // No event says the foreign webhook went: the blocked installation looks again by itself.
    awaitReconciled("True");
    assertThat(client.apps().deployments().inNamespace(name).withName("istiod").get()).isNotNull();
  }

  @Test
  void istiodWithoutBaseNeedsIstiosCrds() {
    String missing = "wasmplugins.extensions.istio.io";
    CrdRemoval.deleteAndAwaitGone(client, missing);
    String name = "pf-" + UUID.randomUUID().toString().substring(0, 8);
    mesh =
        create(
            name,
            spec -> {
              BaseSpec base = new BaseSpec();
              base.setEnabled(false);
              spec.getComponents().setBase(base);
            });

    Condition reconciled = awaitReconciled("False");
    assertThat(reconciled.getReason()).isEqualTo("PreflightFailed");
    // Earlier tests may have left the other CRDs (they outlive installations); this one is gone.
    assertThat(reconciled.getMessage()).contains("IstioCRDsMissing");
    assertThat(client.apps().deployments().inNamespace(name).withName("istiod").get()).isNull();

    // Turning base on installs the CRDs, which clears the blocker.
    // Retried on a conflict: the operator's status writes move the resource version meanwhile.
    MeshEdits.edit(client, name, m -> m.getSpec().getComponents().getBase().setEnabled(true));
    awaitReconciled("True");
    assertThat(client.apiextensions().v1().customResourceDefinitions().withName(missing).get())
        .isNotNull();
  }

  @Test
  void anInPlaceMoveOfTwoMinorsIsBlockedUntilTheUserOverridesIt() throws Exception {
    String name = "pf-" + UUID.randomUUID().toString().substring(0, 8);
    mesh = create(name, spec -> spec.setVersion("1.31.4"));
    awaitReconciled("True");

    MeshEdits.edit(client, name, m -> m.getSpec().setVersion("1.29.6"));
    // Refused or not, Ready follows the istiod that runs, whether it turned ready before or after.
    Condition reconciled = awaitReconciled("False");
    assertThat(reconciled.getReason()).isEqualTo("PreflightFailed");
    assertThat(reconciled.getMessage())
        .contains("UpgradeSkipsMinorVersions: an in-place move from 1.31.4 to 1.29.6")
        .contains("move to a 1.30 release first")
        .contains("RevisionBased")
        .contains("Istio's CRDs stay at the newer release")
        .contains("updateStrategy.allowUnsupportedVersionMoves");
    assertThat(DeploymentImages.of(client, name, "istiod"))
        .as("the running istiod is left as it is")
        .isEqualTo("docker.io/istio/pilot:1.31.4");
    MeshAssert.of(client, mesh).awaitReason(Conditions.READY, "ComponentsReady");
    assertThat(kubectlGetRow(name))
        .as("kubectl get shows the refused request beside what runs")
        .containsEntry("Requested", "1.29.6")
        .containsEntry("Version", "1.31.4")
        .containsEntry("Reconciled", "False")
        .containsEntry("Ready", "True")
        .containsEntry("Outcome", "PreflightFailed");

    MeshEdits.edit(
        client,
        name,
        m -> {
          UpdateStrategy strategy = new UpdateStrategy();
          strategy.setAllowUnsupportedVersionMoves(true);
          m.getSpec().setUpdateStrategy(strategy);
        });
    MeshAssert.of(client, mesh)
        .awaitReady(m -> assertThat(m.getStatus().getVersion()).isEqualTo("1.29.6"));
    assertThat(DeploymentImages.of(client, name, "istiod"))
        .isEqualTo("docker.io/istio/pilot:1.29.6");
  }

  @Test
  void anEndedLineInstalledOnPurposeRunsAndIsWarned() {
    String name = "pf-" + UUID.randomUUID().toString().substring(0, 8);
    mesh =
        create(
            name,
            spec -> {
              spec.setVersion("1.28.10");
              spec.setAllowEndOfLife(true);
            });
    awaitReconciled("True");

    Condition supported =
        MeshAssert.of(client, mesh).awaitCondition(Conditions.VERSION_SUPPORTED, "False");
    assertThat(supported.getReason()).isEqualTo("EndOfLife");
    assertThat(supported.getMessage())
        .contains("Istio 1.28 reached its end of life on 2026-07-01", "supported line");
    MeshAssert.of(client, mesh).awaitWarningEvent("EndOfLife");
  }

  /**
   * The row kubectl get prints for the installation: the API server's own Table rendering of the
   * CRD's printer columns, read back as kubectl asks for it.
   */
  private Map<String, String> kubectlGetRow(String name) throws Exception {
    HttpClient http = client.getHttpClient();
    HttpResponse<String> response =
        http.sendAsync(
                http.newHttpRequestBuilder()
                    .uri(
                        client.getMasterUrl()
                            + "apis/mesh.operator.dev/v1alpha1/meshinstallations/"
                            + name)
                    .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")
                    .build(),
                String.class)
            .get(30, TimeUnit.SECONDS);
    JsonNode table = new ObjectMapper().readTree(response.body());
    Map<String, String> row = new LinkedHashMap<>();
    JsonNode cells = table.path("rows").path(0).path("cells");
    for (int i = 0; i < table.path("columnDefinitions").size(); i++) {
      row.put(
          table.path("columnDefinitions").path(i).path("name").asText(), cells.path(i).asText());
    }
    return row;
  }

  private Condition awaitReconciled(String status) {
    return MeshAssert.of(client, mesh).awaitCondition(Conditions.RECONCILED, status);
  }

  private MeshInstallation create(String name, Consumer<MeshInstallationSpec> customize) {
    return client
        .resource(
            Installations.of(
                name,
                spec -> {
                  spec.setProfile(Profile.MINIMAL);
                  customize.accept(spec);
                }))
        .create();
  }
}
