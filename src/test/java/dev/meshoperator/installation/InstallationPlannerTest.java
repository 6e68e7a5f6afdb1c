package dev.meshoperator.installation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.ambient.EnrollmentState;
import dev.meshoperator.ambient.NamespaceDecision;
import dev.meshoperator.api.v1alpha1.AmbientSpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.render.CniRenderer;
import dev.meshoperator.render.ZtunnelRenderer;
import dev.meshoperator.testing.FakeSnapshot;
import dev.meshoperator.testing.Installations;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole installation planned as a pure function of the spec and a snapshot. */
class InstallationPlannerTest {

  private static final String CONTROL_PLANE = "istio-system";
  private final InstallationPlanner planner =
      new InstallationPlanner(new PlanResolver(IstioCatalog.load()));

  @Test
  void enrollsNamespacesOnlyOnceTheAmbientDataPlaneIsReady() {
    MeshInstallation mesh = ambientMesh("shop");
    FakeSnapshot starting =
        new FakeSnapshot()
            .installation(mesh)
            .namespace(
                new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build());

    assertThat(decision(planner.plan(mesh, starting, Instant.EPOCH)).state())
        .isEqualTo(EnrollmentState.PENDING);

    FakeSnapshot ready =
        starting
            .owned(readyDeployment("istiod"))
            .owned(readyDaemonSet(CniRenderer.DAEMONSET))
            .owned(readyDaemonSet(ZtunnelRenderer.NAME));
    NamespaceDecision enrolled = decision(planner.plan(mesh, ready, Instant.EPOCH));
    assertThat(enrolled.state()).isEqualTo(EnrollmentState.ENROLLED);
    assertThat(enrolled.needsWrite()).as("the writer labels it").isTrue();
  }

  private static NamespaceDecision decision(InstallationPlan plan) {
    List<NamespaceDecision> decisions = plan.ambient().decisions();
    return decisions.stream().filter(d -> "shop".equals(d.name())).findFirst().orElseThrow();
  }

  private static MeshInstallation ambientMesh(String namespace) {
    AmbientSpec ambient = new AmbientSpec();
    ambient.setNamespaces(List.of(namespace));
    return Installations.unapplied(
        "mesh",
        spec -> {
          spec.setVersion("1.30.4");
          spec.setProfile(Profile.AMBIENT);
          spec.setAmbient(ambient);
        });
  }

  private static io.fabric8.kubernetes.api.model.apps.Deployment readyDeployment(String name) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(CONTROL_PLANE)
        .withGeneration(1L)
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

  private static io.fabric8.kubernetes.api.model.apps.DaemonSet readyDaemonSet(String name) {
    return new DaemonSetBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(CONTROL_PLANE)
        .withGeneration(1L)
        .endMetadata()
        .withNewStatus()
        .withObservedGeneration(1L)
        .withDesiredNumberScheduled(2)
        .withUpdatedNumberScheduled(2)
        .withNumberAvailable(2)
        .withNumberReady(2)
        .endStatus()
        .build();
  }
}
