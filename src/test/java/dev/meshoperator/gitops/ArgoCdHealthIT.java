package dev.meshoperator.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.api.v1alpha1.UpdateStrategy;
import dev.meshoperator.testing.DumpOnFailure;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.LocalClusterTestResource;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.MeshEdits;
import dev.meshoperator.testing.ProjectTools;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Argo CD health check (deploy/argocd/meshinstallation-health.lua) run the way Argo CD runs it
 * (gopher-lua, through hack/tools' argocd-health) on MeshInstallations read back from the API
 * server in each state the operator puts them in. The objects are kept under target/argocd-health.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterTestResource.class, restrictToAnnotatedClass = true)
@ExtendWith(DumpOnFailure.class)
@Tag(Tiers.PACKAGED)
class ArgoCdHealthIT {

  private static final Path SCRIPT = Path.of("deploy/argocd/meshinstallation-health.lua");
  private static final Path CAPTURED = Path.of("target/argocd-health");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject KubernetesClient client;

  private final List<MeshInstallation> created = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    created.forEach(mesh -> client.resource(mesh).delete());
    created.forEach(
        mesh ->
            org.awaitility.Awaitility.await()
                .atMost(MeshAssert.BOUND)
                .until(() -> client.resource(mesh).get() == null));
  }

  @Test
  void aManualRevisionUpgradeIsProgressingHealthySuspendedThenHealthy() throws IOException {
    String name = Installations.uniqueName("argo");
    UpdateStrategy strategy = new UpdateStrategy();
    strategy.setType(UpdateStrategy.Type.REVISION_BASED);
    strategy.setPromotion(UpdateStrategy.Promotion.MANUAL);
    MeshInstallation mesh =
        create(
            Installations.of(
                name,
                spec -> {
                  spec.setVersion("1.29.6");
                  spec.setProfile(Profile.MINIMAL);
                  spec.setUpdateStrategy(strategy);
                }));
    // As Argo CD sees it right after the sync, before the operator has written any status.
    assertHealth("created", mesh, "Progressing", "Waiting for the operator");

    MeshInstallation ready = MeshAssert.of(client, name).awaitReady(m -> {});
    assertHealth("ready", ready, "Healthy", "");

    MeshEdits.edit(client, name, m -> m.getSpec().setVersion("1.30.4"));
    MeshInstallation waiting =
        MeshAssert.of(client, name)
            .awaitReady(
                m ->
                    assertThat(m.getStatus().getRevisions())
                        .anySatisfy(
                            r -> {
                              assertThat(r.getVersion()).isEqualTo("1.30.4");
                              assertThat(r.getReady()).isEqualTo("True");
                            }));
    assertHealth("awaiting-promotion", waiting, "Suspended", "promotedVersion to 1.30.4");

    MeshEdits.edit(client, name, m -> m.getSpec().getUpdateStrategy().setPromotedVersion("1.30.4"));
    MeshInstallation promoted =
        MeshAssert.of(client, name)
            .awaitReady(
                m -> assertThat(m.getStatus().getActiveRevision()).isEqualTo(name + "-1-30-4"));
    assertHealth("promoted", promoted, "Healthy", "");
  }

  @Test
  void aSpecTheOperatorRefusesIsDegraded() throws IOException {
    String name = Installations.uniqueName("argo-bad");
    create(Installations.of(name, spec -> spec.setVersion("1.17.0")));
    MeshInstallation refused =
        MeshAssert.of(client, name)
            .awaitStatus(
                m ->
                    assertThat(MeshAssert.requireCondition(m, "Reconciled").getReason())
                        .isEqualTo("InvalidSpec"));
    assertHealth("invalid-spec", refused, "Degraded", "InvalidSpec");
  }

  @Test
  void aPausedInstallationIsSuspended() throws IOException {
    String name = Installations.uniqueName("argo-paused");
    create(Installations.of(name, spec -> spec.setPaused(true)));
    MeshInstallation paused =
        MeshAssert.of(client, name)
            .awaitStatus(
                m ->
                    assertThat(MeshAssert.requireCondition(m, "Reconciled").getReason())
                        .isEqualTo("Paused"));
    assertHealth("paused", paused, "Suspended", "status.preview");
  }

  private MeshInstallation create(MeshInstallation mesh) {
    MeshInstallation result = client.resource(mesh).create();
    created.add(result);
    return result;
  }

  private static void assertHealth(
      String state, MeshInstallation object, String status, String messagePart) throws IOException {
    Files.createDirectories(CAPTURED);
    Path file = CAPTURED.resolve(state + ".json");
    Files.writeString(file, Serialization.asJson(object));
    String output =
        ProjectTools.check(java.util.Map.of(), "argocd-health", SCRIPT.toString(), file.toString());
    JsonNode health = JSON.readTree(output.strip().lines().reduce((a, b) -> b).orElseThrow());
    assertThat(health.get("status").asText())
        .as("health of %s: %s", state, health)
        .isEqualTo(status);
    assertThat(health.get("message").asText()).as("message of %s", state).contains(messagePart);
  }
}
