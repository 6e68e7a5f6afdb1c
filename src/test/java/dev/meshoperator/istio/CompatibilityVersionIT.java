package dev.meshoperator.istio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.MeshInstallationSpec;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.testing.istio.InstalledMesh;
import dev.meshoperator.testing.istio.IstioCluster;
import dev.meshoperator.testing.istio.IstiodProcess;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A compatibility version is behaviour istiod must show: with {@code compatibilityVersion: 1.26}
 * the sidecar goes back to an ordinary container, as before native sidecars became the default in
 * 1.27, and istiod accepts everything the compatibility profile sets.
 */
class CompatibilityVersionIT {

  static final String CONTROL_PLANE = "istio-system";

  static InstalledMesh mesh;
  static IstiodProcess istiod;
  static KubernetesClient client;

  @BeforeAll
  static void installWithCompatibilityVersionAndStartIstiod() {
    IstioCluster istio = IstioCluster.get();
    client = istio.newClient();
    MeshInstallation installation = new MeshInstallation();
    installation.setMetadata(new ObjectMetaBuilder().withName("compat").build());
    MeshInstallationSpec spec = new MeshInstallationSpec();
    spec.setVersion("1.30.4");
    spec.setCompatibilityVersion("1.26");
    spec.setProfile(Profile.DEFAULT);
    spec.setNamespace(CONTROL_PLANE);
    installation.setSpec(spec);
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
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("compat-app")
                .addToLabels("istio-injection", "enabled")
                .endMetadata()
                .build())
        .create();
    Pod pod =
        client
            .pods()
            .inNamespace("compat-app")
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName("app")
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("app")
                    .withImage("registry.invalid/app:1")
                    .endContainer()
                    .endSpec()
                    .build())
            .create();

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
