package dev.meshoperator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.ComponentStatus;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.MeshInstallationStatus;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.observe.ComponentHealth;
import dev.meshoperator.plan.InvalidSpecException;
import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.testing.Installations;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusCalculatorTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-11-23T10:05:00Z");

  private final MeshInstallation mesh = mesh(3L);
  private final MeshPlan plan = new PlanResolver(IstioCatalog.load()).resolve(mesh);

  @Test
  void allComponentsReadyMakesReadyTrue() {
    MeshInstallationStatus status =
        StatusCalculator.applied(
            mesh, plan, List.of(ComponentHealth.ready("istiod", "Available", "1 of 1")), T0);
    assertThat(status.getObservedGeneration()).isEqualTo(3L);
    assertThat(status.getVersion()).isEqualTo("1.31.4");
    assertThat(condition(status, Conditions.READY))
        .extracting(
            Condition::getStatus,
            Condition::getReason,
            Condition::getObservedGeneration,
            Condition::getLastTransitionTime)
        .containsExactly("True", "ComponentsReady", 3L, "2026-11-23T10:00:00Z");
    assertThat(condition(status, Conditions.RECONCILED).getReason()).isEqualTo("Applied");
  }

  @Test
  void anUnreadyComponentIsNamedInTheReadyMessage() {
    MeshInstallationStatus status =
        StatusCalculator.applied(
            mesh,
            plan,
            List.of(
                ComponentHealth.ready("base", "CRDsEstablished", "ok"),
                ComponentHealth.notReady(
                    "istiod",
                    "NoReplicasAvailable",
                    "Deployment istiod has 0 of 1 replicas available")),
            T0);
    Condition ready = condition(status, Conditions.READY);
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("ComponentsNotReady");
    assertThat(ready.getMessage())
        .isEqualTo("istiod: Deployment istiod has 0 of 1 replicas available");
  }

  @Test
  void lastTransitionTimeMovesOnlyWhenTheStatusFlips() {
    mesh.setStatus(
        StatusCalculator.applied(
            mesh, plan, List.of(ComponentHealth.ready("istiod", "Available", "1 of 1")), T0));
    MeshInstallationStatus same =
        StatusCalculator.applied(
            mesh, plan, List.of(ComponentHealth.ready("istiod", "Available", "1 of 1")), T1);
    assertThat(condition(same, Conditions.READY).getLastTransitionTime())
        .isEqualTo("2026-11-23T10:00:00Z");
    assertThat(same).isEqualTo(mesh.getStatus());

    MeshInstallationStatus flipped =
        StatusCalculator.applied(
            mesh,
            plan,
            List.of(ComponentHealth.notReady("istiod", "NoReplicasAvailable", "0 of 1")),
            T1);
    assertThat(condition(flipped, Conditions.READY).getLastTransitionTime())
        .isEqualTo("2026-11-23T10:05:00Z");
  }

  @Test
  void aRejectedSpecKeepsWhatTheStatusSaidAboutTheRunningMesh() {
    mesh.setStatus(
        StatusCalculator.applied(
            mesh, plan, List.of(ComponentHealth.ready("istiod", "Available", "1 of 1")), T0));
    MeshInstallation newer = mesh(4L);
    newer.setStatus(mesh.getStatus());

    MeshInstallationStatus status =
        StatusCalculator.rejected(
            newer,
            new InvalidSpecException(
                InvalidSpecException.Reason.InvalidSpec, "version 9.9.9 is not in the catalog"),
            List.of(ComponentHealth.ready("istiod", "Available", "1 of 1")),
            T1);

    assertThat(status.getObservedGeneration()).isEqualTo(4L);
    assertThat(status.getVersion()).isEqualTo("1.31.4");
    assertThat(status.getComponents()).isEqualTo(mesh.getStatus().getComponents());
    assertThat(condition(status, Conditions.READY))
        .isEqualTo(condition(mesh.getStatus(), Conditions.READY));
    Condition reconciled = condition(status, Conditions.RECONCILED);
    assertThat(reconciled.getStatus()).isEqualTo("False");
    assertThat(reconciled.getReason()).isEqualTo("InvalidSpec");
    assertThat(reconciled.getObservedGeneration()).isEqualTo(4L);
    assertThat(reconciled.getLastTransitionTime()).isEqualTo("2026-11-23T10:05:00Z");
  }

  @Test
  void whileASpecIsRefusedReadyFollowsWhatRunsForTheSpecItWasSetFor() {
    mesh.setStatus(
        StatusCalculator.applied(
            mesh,
            plan,
            List.of(ComponentHealth.notReady("istiod", "NoReplicasAvailable", "0 of 1")),
            T0));
    long appliedFor = condition(mesh.getStatus(), Conditions.READY).getObservedGeneration();
    MeshInstallation newer = mesh(appliedFor + 1);
    newer.setStatus(mesh.getStatus());

    MeshInstallationStatus status =
        StatusCalculator.rejected(
            newer,
            new InvalidSpecException(
                InvalidSpecException.Reason.PreflightFailed, "UpgradeSkipsMinorVersions: ..."),
            List.of(ComponentHealth.ready("istiod", "Available", "1 of 1")),
            T1);

    Condition ready = condition(status, Conditions.READY);
    assertThat(ready.getStatus()).isEqualTo("True");
    assertThat(ready.getReason()).isEqualTo("ComponentsReady");
    assertThat(ready.getObservedGeneration())
        .as("Ready still describes the spec that was applied, not the refused one")
        .isEqualTo(appliedFor);
    assertThat(status.getComponents())
        .extracting(ComponentStatus::getReady)
        .containsExactly("True");
    assertThat(condition(status, Conditions.RECONCILED).getStatus()).isEqualTo("False");
  }

  @Test
  void noEnabledComponentIsReady() {
    MeshInstallationStatus status = StatusCalculator.applied(mesh, plan, List.of(), T0);
    assertThat(condition(status, Conditions.READY).getReason()).isEqualTo("NoComponentsEnabled");
    assertThat(condition(status, Conditions.READY).getStatus()).isEqualTo("True");
  }

  private static Condition condition(MeshInstallationStatus status, String type) {
    return Conditions.find(status.getConditions(), type).orElseThrow();
  }

  private static MeshInstallation mesh(long generation) {
    MeshInstallation mesh = Installations.unapplied("mesh", spec -> {});
    mesh.getMetadata().setGeneration(generation);
    return mesh;
  }
}
