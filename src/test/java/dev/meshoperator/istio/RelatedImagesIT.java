package dev.meshoperator.istio;

import static dev.meshoperator.testing.istio.MeshWorkloads.CONTROL_PLANE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.testing.Tiers;
import dev.meshoperator.testing.istio.IstioCluster;
import dev.meshoperator.testing.istio.IstioMesh;
import dev.meshoperator.testing.istio.MeshWorkloads;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A disconnected install as OLM makes it: the operator's RELATED_IMAGE_* variables name a mirror's
 * digests for one release's images (the Istio tier's operator runs with them, see {@link
 * IstioCluster#MIRRORED_RELEASE}), and both what the operator renders and what Istio's own istiod
 * injects use those exact references.
 */
@Tag(Tiers.ISTIO)
class RelatedImagesIT {

  @RegisterExtension
  static final IstioMesh istio = IstioMesh.installing(RelatedImagesIT::installation);

  static MeshInstallation installation() {
    return MeshWorkloads.installation("related", IstioCluster.MIRRORED_RELEASE, Profile.DEFAULT);
  }

  @Test
  void theOperatorsWorkloadsRunTheMirroredDigests() {
    assertThat(image("istiod")).isEqualTo(IstioCluster.MIRRORED_PILOT);
    assertThat(image("istio-ingressgateway")).isEqualTo(IstioCluster.MIRRORED_PROXY);
  }

  @Test
  void istiodInjectsTheMirroredProxy() {
    Pod pod =
        MeshWorkloads.pod(
            istio.client(),
            MeshWorkloads.namespace(
                istio.client(), "related-app", Map.of("istio-injection", "enabled")));

    assertThat(MeshWorkloads.container(pod, "istio-proxy"))
        .map(Container::getImage)
        .hasValue(IstioCluster.MIRRORED_PROXY);
    assertThat(istio.istiod().problems())
        .as("istiod's errors and warnings; see %s", istio.istiod().log())
        .isEmpty();
  }

  private static String image(String deployment) {
    Deployment object =
        istio.client().apps().deployments().inNamespace(CONTROL_PLANE).withName(deployment).get();
    return object.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }
}
