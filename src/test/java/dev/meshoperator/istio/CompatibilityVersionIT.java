package dev.meshoperator.istio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.testing.Tiers;
import dev.meshoperator.testing.istio.IstioMesh;
import dev.meshoperator.testing.istio.MeshWorkloads;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A compatibility version is behaviour istiod must show: with {@code compatibilityVersion: 1.26}
 * the sidecar goes back to an ordinary container, as before native sidecars became the default in
 * 1.27, and istiod accepts everything the compatibility profile sets.
 */
@Tag(Tiers.ISTIO)
class CompatibilityVersionIT {

  @RegisterExtension
  static final IstioMesh istio = IstioMesh.installing(CompatibilityVersionIT::installation);

  static MeshInstallation installation() {
    MeshInstallation installation = MeshWorkloads.installation("compat", "1.30.4", Profile.DEFAULT);
    installation.getSpec().setCompatibilityVersion("1.26");
    return installation;
  }

  @Test
  void injectsAClassicSidecarAsIstio126Did() {
    Pod pod =
        MeshWorkloads.pod(
            istio.client(),
            MeshWorkloads.namespace(
                istio.client(), "compat-app", Map.of("istio-injection", "enabled")));

    assertThat(pod.getSpec().getContainers())
        .extracting(Container::getName)
        .contains("istio-proxy");
    assertThat(pod.getSpec().getInitContainers())
        .extracting(Container::getName)
        .doesNotContain("istio-proxy");
    assertThat(istio.istiod().problems())
        .as("istiod's errors and warnings; see %s", istio.istiod().log())
        .isEmpty();
  }
}
