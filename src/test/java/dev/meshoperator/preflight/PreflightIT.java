package dev.meshoperator.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.BaseSpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.MeshInstallationSpec;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.status.Conditions;
import dev.meshoperator.testing.DumpOnFailure;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.LocalClusterTestResource;
import dev.meshoperator.testing.MeshAssert;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Preflight blockers stop a reconcile before anything is written, and clear by themselves. */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterTestResource.class, restrictToAnnotatedClass = true)
@ExtendWith(DumpOnFailure.class)
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
                    .endMetadata()
                    .build())
            .create();
    mesh = create(name, spec -> {});

    Condition reconciled = awaitReconciled("False");
    assertThat(reconciled.getReason()).isEqualTo("PreflightFailed");
    assertThat(reconciled.getMessage())
        .contains("WebhookOwnedByOthers")
        .contains("istio-sidecar-injector-" + name);
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
    client.apiextensions().v1().customResourceDefinitions().withName(missing).delete();
    await()
        .atMost(BOUND)
        .until(
            () ->
                client.apiextensions().v1().customResourceDefinitions().withName(missing).get()
                    == null);
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
    client
        .resources(MeshInstallation.class)
        .withName(name)
        .edit(
            m -> {
              m.getSpec().getComponents().getBase().setEnabled(true);
              return m;
            });
    awaitReconciled("True");
    assertThat(client.apiextensions().v1().customResourceDefinitions().withName(missing).get())
        .isNotNull();
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
