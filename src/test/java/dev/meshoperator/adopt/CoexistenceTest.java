package dev.meshoperator.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.UpdateStrategy;
import dev.meshoperator.api.v1alpha1.WorkloadRestartSpec;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.installation.InstallationPlan;
import dev.meshoperator.installation.InstallationPlanner;
import dev.meshoperator.plan.InvalidSpecException;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.testing.FakeSnapshot;
import dev.meshoperator.testing.Installations;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An installation planned beside an istiod Helm installed: what it runs, and what it leaves. */
class CoexistenceTest {

  private static final String VERSION = "1.30.4";
  private static final String REVISION = "mesh-1-30-4";
  private final InstallationPlanner planner =
      new InstallationPlanner(new PlanResolver(IstioCatalog.load()));

  @Test
  void anInstallationAloneServesTheDefaultTagAndValidator() {
    MeshInstallation mesh = revisionBased(false);
    InstallationPlan plan =
        planner.plan(mesh, new FakeSnapshot().installation(mesh), Instant.EPOCH);

    assertThat(plan.coexistence().beside()).isFalse();
    assertThat(names(plan)).contains("istiod-default-validator", "istio-revision-tag-default");
  }

  @Test
  void aRevisionBesideAHelmInstallLeavesTheDefaultTagAndValidatorToIt() {
    MeshInstallation mesh = revisionBased(false);
    InstallationPlan plan =
        planner.plan(
            mesh,
            new FakeSnapshot().installation(mesh).foreignIstiod(helmIstiod("")),
            Instant.EPOCH);

    assertThat(plan.coexistence().leavesDefault()).isTrue();
    assertThat(names(plan))
        .contains("istiod-" + REVISION, "istio-sidecar-injector-" + REVISION)
        .doesNotContain("istiod-default-validator", "istio-revision-tag-default");
    assertThat(plan.coexistence().describe(REVISION))
        .startsWith(
            "revision mesh-1-30-4 runs beside istiod istio-system/istiod (revision default) of"
                + " the Helm release istiod in istio-system; the default revision tag and"
                + " istiod-default-validator stay with it");
  }

  @Test
  void aRevisionThatHeldTheDefaultTagBeforeKeepsIt() {
    MeshInstallation mesh = revisionBased(false);
    FakeSnapshot cluster =
        new FakeSnapshot()
            .installation(mesh)
            .foreignIstiod(helmIstiod("canary"))
            .owned(
                new MutatingWebhookConfigurationBuilder()
                    .withNewMetadata()
                    .withName("istio-revision-tag-default")
                    .endMetadata()
                    .build());
    InstallationPlan plan = planner.plan(mesh, cluster, Instant.EPOCH);

    assertThat(plan.coexistence().beside()).isTrue();
    assertThat(plan.coexistence().leavesDefault()).isFalse();
    assertThat(names(plan)).contains("istiod-default-validator", "istio-revision-tag-default");
  }

  @Test
  void aNewInPlaceInstallationBesideAnotherIstiodIsRefusedWithWhatToChange() {
    MeshInstallation mesh = Installations.unapplied("mesh", spec -> spec.setVersion(VERSION));
    FakeSnapshot cluster = new FakeSnapshot().installation(mesh).foreignIstiod(helmIstiod(""));

    assertThatThrownBy(() -> planner.plan(mesh, cluster, Instant.EPOCH))
        .isInstanceOfSatisfying(
            InvalidSpecException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(InvalidSpecException.Reason.PreflightFailed);
              assertThat(e.getMessage())
                  .contains("istiod istio-system/istiod (revision default)")
                  .contains("Set spec.updateStrategy.type to RevisionBased");
            });
  }

  @Test
  void anInPlaceInstallationThatRanFirstKeepsRunning() {
    MeshInstallation mesh = Installations.unapplied("mesh", spec -> spec.setVersion(VERSION));
    FakeSnapshot cluster =
        new FakeSnapshot()
            .installation(mesh)
            .foreignIstiod(helmIstiod("canary"))
            .owned(
                new DeploymentBuilder()
                    .withNewMetadata()
                    .withName("istiod")
                    .withNamespace("istio-system")
                    .endMetadata()
                    .build());
    InstallationPlan plan = planner.plan(mesh, cluster, Instant.EPOCH);

    assertThat(plan.coexistence().leavesDefault()).isFalse();
    assertThat(names(plan)).contains("istiod", "istiod-default-validator");
  }

  @Test
  void aRevisionNamedLikeTheOtherInstallsIsRefused() {
    MeshInstallation mesh = revisionBased(false);
    FakeSnapshot cluster =
        new FakeSnapshot().installation(mesh).foreignIstiod(helmIstiod(REVISION));

    assertThatThrownBy(() -> planner.plan(mesh, cluster, Instant.EPOCH))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("revision mesh-1-30-4 of this installation is taken by istiod");
  }

  @Test
  void restartsLeaveTheOtherInstallsDefaultNamespacesAlone() {
    MeshInstallation mesh = revisionBased(true);
    FakeSnapshot cluster =
        new FakeSnapshot()
            .installation(mesh)
            .foreignIstiod(helmIstiod(""))
            .owned(readyIstiod())
            .namespace(namespace("legacy", Map.of("istio-injection", "enabled")))
            .namespace(namespace("moved", Map.of("istio.io/rev", REVISION)))
            .injectedPod(pod("legacy", "default"))
            .injectedPod(pod("moved", "default"))
            .workload(deployment("legacy"))
            .workload(deployment("moved"));
    InstallationPlan plan = planner.plan(mesh, cluster, Instant.EPOCH);

    assertThat(plan.restart()).isPresent();
    assertThat(plan.restart().get().restartNow())
        .extracting(o -> o.getMetadata().getNamespace())
        .containsExactly("moved");
  }

  private static List<String> names(InstallationPlan plan) {
    return plan.render().objects().stream().map(o -> o.getMetadata().getName()).toList();
  }

  private static MeshInstallation revisionBased(boolean restarts) {
    return Installations.unapplied(
        "mesh",
        spec -> {
          spec.setVersion(VERSION);
          UpdateStrategy strategy = new UpdateStrategy();
          strategy.setType(UpdateStrategy.Type.REVISION_BASED);
          if (restarts) {
            WorkloadRestartSpec restart = new WorkloadRestartSpec();
            restart.setEnabled(true);
            restart.setBatchSize(5);
            strategy.setWorkloadRestart(restart);
          }
          spec.setUpdateStrategy(strategy);
        });
  }

  /** An istiod as upstream's istiod chart installs it, of {@code revision} ("" for none). */
  private static Deployment helmIstiod(String revision) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withNamespace("istio-system")
        .withName(revision.isEmpty() ? "istiod" : "istiod-" + revision)
        .withLabels(
            Map.of(
                "app",
                "istiod",
                "istio.io/rev",
                revision.isEmpty() ? "default" : revision,
                "app.kubernetes.io/managed-by",
                "Helm"))
        .withAnnotations(
            Map.of(
                "meta.helm.sh/release-name",
                "istiod",
                "meta.helm.sh/release-namespace",
                "istio-system"))
        .endMetadata()
        .build();
  }

  private static Deployment readyIstiod() {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("istiod-" + REVISION)
        .withNamespace("istio-system")
        .withGeneration(1L)
        .withLabels(
            Map.of(
                "istio.io/rev",
                REVISION,
                "mesh.operator.dev/component",
                "istiod",
                "app.kubernetes.io/version",
                VERSION))
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(1L)
        .withReplicas(1)
        .withUpdatedReplicas(1)
        .withReadyReplicas(1)
        .withAvailableReplicas(1)
        .endStatus()
        .build();
  }

  private static io.fabric8.kubernetes.api.model.Namespace namespace(
      String name, Map<String, String> labels) {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .build();
  }

  private static io.fabric8.kubernetes.api.model.Pod pod(String namespace, String revision) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName("web-5d8f-x2x9")
        .withLabels(Map.of("istio.io/rev", revision, "pod-template-hash", "5d8f"))
        .addNewOwnerReference()
        .withKind("ReplicaSet")
        .withName("web-5d8f")
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .build();
  }

  private static Deployment deployment(String namespace) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName("web")
        .endMetadata()
        .withNewSpec()
        .withNewTemplate()
        .withNewMetadata()
        .endMetadata()
        .endTemplate()
        .endSpec()
        .build();
  }
}
