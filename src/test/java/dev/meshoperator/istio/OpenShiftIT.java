package dev.meshoperator.istio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Platform;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.render.NetworkAttachmentDefinition;
import dev.meshoperator.testing.Tiers;
import dev.meshoperator.testing.istio.IstioMesh;
import dev.meshoperator.testing.istio.MeshWorkloads;
import dev.meshoperator.testing.istio.MultusApi;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OpenShift's sidecar path, decided by Istio itself: on a cluster serving multus's API, the
 * operator runs istio-cni in kube-system with its multus network, and Istio's injector, answering
 * from the operator's templates and values, makes every injected pod join that network.
 */
@Tag(Tiers.ISTIO)
class OpenShiftIT {

  private static final String NETWORKS = "k8s.v1.cni.cncf.io/networks";
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final IstioMesh istio =
      IstioMesh.installing(OpenShiftIT::installation).after(MultusApi::serve);

  static MeshInstallation installation() {
    MeshInstallation mesh = MeshWorkloads.installation("openshift", "1.31.4", Profile.DEFAULT);
    mesh.getSpec().setPlatform(Platform.OPENSHIFT);
    return mesh;
  }

  @Test
  void injectedPodsJoinIstioCnisMultusNetworkAfterTheirOwn() throws Exception {
    String ns =
        MeshWorkloads.namespace(
            istio.client(),
            "openshift-apps-" + UUID.randomUUID().toString().substring(0, 8),
            Map.of("istio-injection", "enabled"));
    Pod plain = MeshWorkloads.pod(istio.client(), ns, "app", Map.of(), Map.of());
    Pod listed =
        MeshWorkloads.pod(istio.client(), ns, "app", Map.of(), Map.of(NETWORKS, "team/macvlan"));
    Pod described =
        MeshWorkloads.pod(
            istio.client(),
            ns,
            "app",
            Map.of(),
            Map.of(NETWORKS, "[{\"name\": \"sriov\", \"namespace\": \"team\"}]"));

    assertThat(plain.getMetadata().getAnnotations()).containsEntry(NETWORKS, "default/istio-cni");
    assertThat(names(plain.getSpec().getInitContainers()))
        .as("istio-cni redirects the traffic; the init container only checks it")
        .contains("istio-validation")
        .doesNotContain("istio-init");
    assertThat(List.of(listed.getMetadata().getAnnotations().get(NETWORKS).split(",\\s*")))
        .containsExactly("team/macvlan", "default/istio-cni");
    JsonNode networks = JSON.readTree(described.getMetadata().getAnnotations().get(NETWORKS));
    assertThat(networks).hasSize(2);
    assertThat(networks.get(0).path("name").asText()).isEqualTo("sriov");
    assertThat(networks.get(1).path("name").asText()).isEqualTo("istio-cni");
    assertThat(networks.get(1).path("namespace").asText()).isEqualTo("default");
  }

  @Test
  void theNodeAgentAndItsNetworkAreWhereUpstreamPutsThem() {
    NetworkAttachmentDefinition network =
        istio
            .client()
            .resources(NetworkAttachmentDefinition.class)
            .inNamespace("default")
            .withName("istio-cni")
            .get();
    assertThat(network).as("multus network default/istio-cni").isNotNull();
    assertThat(network.getMetadata().getLabels())
        .containsEntry("mesh.operator.dev/installation", "openshift");
    assertThat(
            istio
                .client()
                .apps()
                .daemonSets()
                .inNamespace("kube-system")
                .withName("istio-cni-node")
                .get())
        .as("istio-cni in kube-system")
        .isNotNull();
    for (String own : List.of("default", "kube-system")) {
      assertThat(istio.client().namespaces().withName(own).get().getMetadata().getLabels())
          .as("namespace %s is Kubernetes', not labelled as the installation's", own)
          .doesNotContainKey("mesh.operator.dev/installation");
    }
    Map<String, String> env =
        discovery().getEnv().stream()
            .filter(e -> e.getValue() != null)
            .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    assertThat(env)
        .containsEntry("PLATFORM", "openshift")
        .containsEntry("CA_TRUSTED_NODE_ACCOUNTS", "kube-system/ztunnel");
    assertThat(discovery().getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
  }

  @Test
  void istiodLoadsTheMeshAndInjectorConfigWithoutComplaint() {
    assertThat(istio.istiod().problems())
        .as("istiod's errors and warnings; see %s", istio.istiod().log())
        .isEmpty();
  }

  private static Container discovery() {
    return MeshWorkloads.istiodPod(istio.client()).getContainers().stream()
        .filter(c -> c.getName().equals("discovery"))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> names(List<Container> containers) {
    return containers.stream().map(Container::getName).toList();
  }
}
