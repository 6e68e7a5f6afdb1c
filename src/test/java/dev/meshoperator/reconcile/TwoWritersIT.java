package dev.meshoperator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.PilotSpec;
import dev.meshoperator.testing.AuditLog;
import dev.meshoperator.testing.AuditedCluster;
import dev.meshoperator.testing.DeployedOperator;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.MeshEdits;
import dev.meshoperator.testing.PackagedOperator;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The operator shares its objects with people and other tools. A user's edit ({@code kubectl
 * edit}'s field manager, a patch) of a field the operator does not set survives every later apply;
 * an edit of a field it sets is put back, with one write and no tug of war after it. The API
 * server's audit log counts the operator's writes.
 */
@Tag(Tiers.PACKAGED)
class TwoWritersIT {

  private static final Duration BOUND = Duration.ofMinutes(2);
  private static final String NAMESPACE = "writers";
  private static final String TEAM = "example.com/team";

  @Test
  void anotherWritersFieldSurvivesAndAnOwnedFieldIsRepairedOnce() throws Exception {
    try (AuditedCluster cluster = AuditedCluster.start("two-writers-it", 1)) {
      KubernetesClient admin = cluster.admin();
      AuditLog audit = cluster.audit();
      try (PackagedOperator operator =
          cluster.startOperator(Map.of(), "operator.log").awaitStarted(BOUND)) {
        MeshInstallation mesh = admin.resource(Installations.of(NAMESPACE, spec -> {})).create();
        MeshAssert.of(admin, mesh).within(BOUND).awaitReady();
        audit.awaitQuiet(3_000, BOUND.toMillis());
        String cpu = requestedCpu(istiod(admin));

        // A field the operator never sets: kept through the operator's next apply of the object.
        long offset = audit.mark();
        userEdit(admin, "{\"metadata\":{\"annotations\":{\"" + TEAM + "\":\"payments\"}}}");
        audit.awaitQuiet(3_000, BOUND.toMillis());
        // The object is what two writers could fight over; the installation's own status may
        // still move (a component turning Ready), and is not a write to the contested object.
        Map<String, Integer> afterForeignEdit = audit.since(offset);
        afterForeignEdit
            .keySet()
            .removeIf(k -> k.contains("meshinstallations") || k.endsWith(" events"));
        assertThat(AuditLog.writes(afterForeignEdit))
            .as(
                "operator object writes after another writer's own field changed: %s",
                afterForeignEdit)
            .isZero();
        MeshEdits.edit(
            admin,
            NAMESPACE,
            m -> {
              PilotSpec pilot = new PilotSpec();
              pilot.setEnv(Map.of("PILOT_EXAMPLE_SETTING", "on"));
              m.getSpec().getComponents().setPilot(pilot);
            });
        MeshAssert.of(admin, mesh).within(BOUND).awaitReady();
        Deployment reapplied = istiod(admin);
        assertThat(DeployedOperator.container(reapplied).getEnv())
            .extracting(EnvVar::getName)
            .as("the operator's own change went out")
            .contains("PILOT_EXAMPLE_SETTING");
        assertThat(reapplied.getMetadata().getAnnotations()).containsEntry(TEAM, "payments");

        // A field the operator sets: put back with one write, then left alone.
        audit.awaitQuiet(3_000, BOUND.toMillis());
        offset = audit.mark();
        userEdit(
            admin,
            "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"discovery\","
                + "\"resources\":{\"requests\":{\"cpu\":\"123m\"}}}]}}}}");
        audit.awaitQuiet(5_000, BOUND.toMillis());
        Map<String, Integer> repair = audit.since(offset);
        assertThat(repair)
            .as("the operator's requests after the user changed its field")
            .containsEntry("patch deployments", 1);
        assertThat(requestedCpu(istiod(admin))).isEqualTo(cpu);
        assertThat(istiod(admin).getMetadata().getAnnotations()).containsEntry(TEAM, "payments");
        assertThat(operator.isAlive()).isTrue();
      }
    }
  }

  /** As {@code kubectl edit} sends it: a strategic merge patch under its field manager. */
  private static void userEdit(KubernetesClient admin, String patch) {
    admin
        .apps()
        .deployments()
        .inNamespace(NAMESPACE)
        .withName("istiod")
        .patch(
            new PatchContext.Builder()
                .withPatchType(PatchType.STRATEGIC_MERGE)
                .withFieldManager("kubectl-edit")
                .build(),
            patch);
  }

  private static Deployment istiod(KubernetesClient admin) {
    return admin.apps().deployments().inNamespace(NAMESPACE).withName("istiod").get();
  }

  private static String requestedCpu(Deployment deployment) {
    Quantity cpu = DeployedOperator.container(deployment).getResources().getRequests().get("cpu");
    return cpu.toString();
  }
}
