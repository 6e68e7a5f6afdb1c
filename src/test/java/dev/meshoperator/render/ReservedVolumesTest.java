package dev.meshoperator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.ReservedVolumes;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.testing.Installations;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** The volume names and mount paths admission keeps for istiod are the ones it renders. */
class ReservedVolumesTest {

  @Test
  void istiodsOwnVolumesAndMountPathsAreExactlyTheReservedOnes() {
    Deployment istiod =
        MeshRenderer.render(
                new PlanResolver(IstioCatalog.load())
                    .resolve(Installations.unapplied("mesh", spec -> spec.setVersion("1.31.4"))))
            .objects()
            .stream()
            .filter(Deployment.class::isInstance)
            .map(Deployment.class::cast)
            .filter(d -> d.getMetadata().getName().equals("istiod"))
            .findFirst()
            .orElseThrow();
    PodSpec pod = istiod.getSpec().getTemplate().getSpec();

    assertThat(pod.getVolumes().stream().map(Volume::getName))
        .containsExactlyInAnyOrderElementsOf(CelLists.items(ReservedVolumes.ISTIOD_NAMES));
    assertThat(pod.getContainers().get(0).getVolumeMounts().stream().map(VolumeMount::getMountPath))
        .containsExactlyInAnyOrderElementsOf(CelLists.items(ReservedVolumes.ISTIOD_PATHS));
  }
}
