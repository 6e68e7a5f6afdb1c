package dev.meshoperator.istio;

import static dev.meshoperator.testing.istio.MeshWorkloads.CONTROL_PLANE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.testing.Tiers;
import dev.meshoperator.testing.istio.IstioMesh;
import dev.meshoperator.testing.istio.MeshWorkloads;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One registry for everything: with spec.hub and spec.imagePullSecrets, istiod and the gateways the
 * operator renders pull from the mirror, and so do the sidecars Istio's own istiod injects.
 */
@Tag(Tiers.ISTIO)
class PrivateRegistryIT {

  static final String MIRROR = "registry.example.com/istio";

  @RegisterExtension
  static final IstioMesh istio = IstioMesh.installing(PrivateRegistryIT::installation);

  static MeshInstallation installation() {
    MeshInstallation installation = MeshWorkloads.installation("mirror", "1.30.4", Profile.DEFAULT);
    installation.getSpec().setHub(MIRROR);
    installation.getSpec().setImagePullSecrets(List.of("regcred"));
    return installation;
  }

  @Test
  void theOperatorsWorkloadsPullFromTheMirror() {
    for (String name : List.of("istiod", "istio-ingressgateway")) {
      Deployment deployment =
          istio.client().apps().deployments().inNamespace(CONTROL_PLANE).withName(name).get();
      assertThat(deployment.getSpec().getTemplate().getSpec().getContainers())
          .allSatisfy(c -> assertThat(c.getImage()).startsWith(MIRROR + "/"));
      assertThat(deployment.getSpec().getTemplate().getSpec().getImagePullSecrets())
          .extracting(LocalObjectReference::getName)
          .containsExactly("regcred");
    }
  }

  @Test
  void istiodInjectsSidecarsThatPullFromTheMirror() {
    Pod pod =
        MeshWorkloads.pod(
            istio.client(),
            MeshWorkloads.namespace(
                istio.client(), "mirror-app", Map.of("istio-injection", "enabled")));

    assertThat(MeshWorkloads.container(pod, "istio-proxy"))
        .map(Container::getImage)
        .hasValue(MIRROR + "/proxyv2:1.30.4");
    assertThat(pod.getSpec().getImagePullSecrets())
        .extracting(LocalObjectReference::getName)
        .contains("regcred");
    assertThat(istio.istiod().problems())
        .as("istiod's errors and warnings; see %s", istio.istiod().log())
        .isEmpty();
  }
}
