package dev.meshoperator.istio;

import static dev.meshoperator.testing.istio.MeshWorkloads.CONTROL_PLANE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.testing.istio.InstalledMesh;
import dev.meshoperator.testing.istio.IstioCluster;
import dev.meshoperator.testing.istio.IstioLogsOnFailure;
import dev.meshoperator.testing.istio.IstiodProcess;
import dev.meshoperator.testing.istio.MeshWorkloads;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A compatibility version is behaviour istiod must show: with {@code compatibilityVersion: 1.26}
 * the sidecar goes back to an ordinary container, as before native sidecars became the default in
 * 1.27, and istiod accepts everything the compatibility profile sets.
 */
@ExtendWith(IstioLogsOnFailure.class)
class CompatibilityVersionIT {

  static InstalledMesh mesh;
  static IstiodProcess istiod;
  static KubernetesClient client;

  @BeforeAll
  static void installWithCompatibilityVersionAndStartIstiod() {
    IstioCluster istio = IstioCluster.get();
    client = istio.newClient();
    MeshInstallation installation = MeshWorkloads.installation("compat", "1.30.4", Profile.DEFAULT);
    installation.getSpec().setCompatibilityVersion("1.26");
    mesh = InstalledMesh.install(istio, installation);
    istiod = mesh.startIstiod(CONTROL_PLANE, "istiod");
  }

  @AfterAll
  static void uninstall() {
    if (mesh != null) {
      mesh.close();
    }
    if (client != null) {
      client.close();
    }
  }

  @Test
  void injectsAClassicSidecarAsIstio126Did() {
    Pod pod =
        MeshWorkloads.pod(
            client,
            MeshWorkloads.namespace(client, "compat-app", Map.of("istio-injection", "enabled")));

    assertThat(pod.getSpec().getContainers())
        .extracting(Container::getName)
        .contains("istio-proxy");
    assertThat(pod.getSpec().getInitContainers())
        .extracting(Container::getName)
        .doesNotContain("istio-proxy");
    assertThat(istiod.problems())
        .as("istiod's errors and warnings; see %s", istiod.log())
        .isEmpty();
  }
}
