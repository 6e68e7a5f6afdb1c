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
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One registry for everything: with spec.hub and spec.imagePullSecrets, istiod and the gateways the
 * operator renders pull from the mirror, and so do the sidecars Istio's own istiod injects.
 */
@ExtendWith(IstioLogsOnFailure.class)
class PrivateRegistryIT {

  static final String MIRROR = "registry.example.com/istio";

  static InstalledMesh mesh;
  static IstiodProcess istiod;
  static KubernetesClient client;

  @BeforeAll
  static void installFromAMirrorAndStartIstiod() {
    IstioCluster istio = IstioCluster.get();
    client = istio.newClient();
    MeshInstallation installation = MeshWorkloads.installation("mirror", "1.30.4", Profile.DEFAULT);
    installation.getSpec().setHub(MIRROR);
    installation.getSpec().setImagePullSecrets(List.of("regcred"));
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
  void theOperatorsWorkloadsPullFromTheMirror() {
    for (String name : List.of("istiod", "istio-ingressgateway")) {
      Deployment deployment =
          client.apps().deployments().inNamespace(CONTROL_PLANE).withName(name).get();
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
            client,
            MeshWorkloads.namespace(client, "mirror-app", Map.of("istio-injection", "enabled")));

    assertThat(MeshWorkloads.container(pod, "istio-proxy"))
        .map(Container::getImage)
        .hasValue(MIRROR + "/proxyv2:1.30.4");
    assertThat(pod.getSpec().getImagePullSecrets())
        .extracting(LocalObjectReference::getName)
        .contains("regcred");
    assertThat(istiod.problems())
        .as("istiod's errors and warnings; see %s", istiod.log())
        .isEmpty();
  }
}
