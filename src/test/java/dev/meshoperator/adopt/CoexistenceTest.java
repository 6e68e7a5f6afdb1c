package dev.meshoperator.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.api.v1alpha1.RevisionTagSpec;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.installation.InstallationPlan;
import dev.meshoperator.installation.InstallationPlanner;
import dev.meshoperator.plan.InvalidSpecException;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.testing.FakeSnapshot;
import dev.meshoperator.testing.Installations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An installation planned beside an istiod Helm installed: what it runs, and what it leaves. */
class CoexistenceTest {

  private static final String VERSION = Beside.VERSION;
  private static final String REVISION = Beside.REVISION;
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
            new FakeSnapshot().installation(mesh).foreignIstiod(Beside.helmIstiod("")),
            Instant.EPOCH);

    assertThat(plan.coexistence().leavesDefault()).isTrue();
    assertThat(names(plan))
        .contains("istiod-" + REVISION, "istio-sidecar-injector-" + REVISION)
        .doesNotContain(
            "istiod-default-validator",
            "istio-revision-tag-default",
            "istiod-revision-tag-default");
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
            .foreignIstiod(Beside.helmIstiod("canary"))
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
    FakeSnapshot cluster =
        new FakeSnapshot().installation(mesh).foreignIstiod(Beside.helmIstiod(""));

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
            .foreignIstiod(Beside.helmIstiod("canary"))
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
  void anInPlaceInstallationWithoutIstiodRunsBeside() {
    MeshInstallation mesh =
        Installations.unapplied(
            "mesh",
            spec -> {
              spec.setVersion(VERSION);
              spec.setProfile(Profile.EMPTY);
            });
    FakeSnapshot cluster =
        new FakeSnapshot().installation(mesh).foreignIstiod(Beside.helmIstiod(""));

    assertThat(planner.plan(mesh, cluster, Instant.EPOCH).coexistence().beside()).isTrue();
  }

  @Test
  void aTagNamedLikeTheOtherInstallsRevisionIsRefused() {
    MeshInstallation mesh = revisionBased(false);
    RevisionTagSpec tag = new RevisionTagSpec();
    tag.setName("canary");
    tag.setVersion(VERSION);
    mesh.getSpec().getUpdateStrategy().setTags(List.of(tag));
    FakeSnapshot cluster =
        new FakeSnapshot().installation(mesh).foreignIstiod(Beside.helmIstiod("canary"));

    assertThatThrownBy(() -> planner.plan(mesh, cluster, Instant.EPOCH))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("tag canary of spec.updateStrategy.tags is the revision of istiod");
  }

  @Test
  void aRevisionNamedLikeTheOtherInstallsIsRefused() {
    MeshInstallation mesh = revisionBased(false);
    FakeSnapshot cluster =
        new FakeSnapshot().installation(mesh).foreignIstiod(Beside.helmIstiod(REVISION));

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
            .foreignIstiod(Beside.helmIstiod(""))
            .owned(Beside.readyIstiod())
            .namespace(Beside.namespace("legacy", Map.of("istio-injection", "enabled")))
            .namespace(Beside.namespace("moved", Map.of("istio.io/rev", REVISION)))
            .injectedPod(Beside.injectedPod("legacy", "default"))
            .injectedPod(Beside.injectedPod("moved", "default"))
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
    return Beside.revisionBased(restarts ? 5 : 0);
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
