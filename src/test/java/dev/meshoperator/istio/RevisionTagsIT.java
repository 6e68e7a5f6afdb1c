package dev.meshoperator.istio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.MeshInstallationSpec;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.api.v1alpha1.RevisionTagSpec;
import dev.meshoperator.api.v1alpha1.UpdateStrategy;
import dev.meshoperator.testing.istio.InstalledMesh;
import dev.meshoperator.testing.istio.IstioCluster;
import dev.meshoperator.testing.istio.Istioctl;
import dev.meshoperator.testing.istio.IstiodProcess;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A revision-based installation as Istio's own tools see it: istiod of the revision injects pods
 * that name the revision or one of its tags, and istioctl lists the operator's tags and finds
 * nothing wrong with what the installation made.
 */
class RevisionTagsIT {

  static final String CONTROL_PLANE = "istio-system";
  static final String REVISION = "canary-1-30-4";

  static InstalledMesh mesh;
  static IstiodProcess istiod;
  static KubernetesClient client;

  @BeforeAll
  static void installRevisionAndStartItsIstiod() {
    IstioCluster istio = IstioCluster.get();
    client = istio.newClient();
    MeshInstallation installation = new MeshInstallation();
    installation.setMetadata(new ObjectMetaBuilder().withName("canary").build());
    MeshInstallationSpec spec = new MeshInstallationSpec();
    spec.setVersion("1.30.4");
    spec.setProfile(Profile.DEFAULT);
    spec.setNamespace(CONTROL_PLANE);
    UpdateStrategy strategy = new UpdateStrategy();
    strategy.setType(UpdateStrategy.Type.REVISION_BASED);
    RevisionTagSpec stable = new RevisionTagSpec();
    stable.setName("stable");
    stable.setVersion("1.30.4");
    strategy.setTags(List.of(stable));
    spec.setUpdateStrategy(strategy);
    installation.setSpec(spec);
    mesh = InstalledMesh.install(istio, installation);
    istiod = mesh.startIstiod(CONTROL_PLANE, "istiod-" + REVISION);
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
  void theRevisionInjectsPodsThatNameItOrOneOfItsTags() {
    Pod byRevision = create(namespace(Map.of("istio.io/rev", REVISION)));
    Pod byNamedTag = create(namespace(Map.of("istio.io/rev", "stable")));
    Pod byDefaultTag = create(namespace(Map.of("istio-injection", "enabled")));

    for (Pod pod : List.of(byRevision, byNamedTag, byDefaultTag)) {
      assertThat(pod.getMetadata().getAnnotations())
          .as("pod in %s", pod.getMetadata().getNamespace())
          .containsKey("sidecar.istio.io/status")
          .containsEntry("istio.io/rev", REVISION);
    }
  }

  @Test
  void istioctlListsTheOperatorsTags() {
    Istioctl.Result tags = Istioctl.run(IstioCluster.get(), "tag", "list");

    assertThat(tags.exitCode()).as(tags.output()).isZero();
    assertThat(tags.output().lines())
        .anySatisfy(l -> assertThat(l).startsWith("default").contains(REVISION))
        .anySatisfy(l -> assertThat(l).startsWith("stable").contains(REVISION));
  }

  @Test
  void istioctlAnalyzeFindsNothingTheInstallationCaused() {
    Istioctl.Result analysis =
        Istioctl.run(IstioCluster.get(), "analyze", "--all-namespaces", "--revision", REVISION);

    assertThat(analysis.exitCode()).as(analysis.output()).isZero();
    assertThat(analysis.output()).doesNotContain("Error [", "Warning [");
  }

  private static String namespace(Map<String, String> labels) {
    String name = "rev-" + UUID.randomUUID().toString().substring(0, 8);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .build())
        .create();
    return name;
  }

  private static Pod create(String namespace) {
    return client
        .pods()
        .inNamespace(namespace)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withGenerateName("app-")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("registry.invalid/app:1")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }
}
