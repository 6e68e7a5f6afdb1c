package dev.meshoperator.istio;

import static dev.meshoperator.testing.istio.MeshWorkloads.CONTROL_PLANE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.api.v1alpha1.RevisionTagSpec;
import dev.meshoperator.api.v1alpha1.UpdateStrategy;
import dev.meshoperator.testing.istio.InstalledMesh;
import dev.meshoperator.testing.istio.IstioCluster;
import dev.meshoperator.testing.istio.IstioLogsOnFailure;
import dev.meshoperator.testing.istio.Istioctl;
import dev.meshoperator.testing.istio.IstiodProcess;
import dev.meshoperator.testing.istio.MeshWorkloads;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A revision-based installation as Istio's own tools see it: istiod of the revision injects pods
 * that name the revision or one of its tags, and istioctl lists the operator's tags and finds
 * nothing wrong with what the installation made.
 */
@ExtendWith(IstioLogsOnFailure.class)
class RevisionTagsIT {

  static final String REVISION = "canary-1-30-4";

  static InstalledMesh mesh;
  static IstiodProcess istiod;
  static KubernetesClient client;

  @BeforeAll
  static void installRevisionAndStartItsIstiod() {
    IstioCluster istio = IstioCluster.get();
    client = istio.newClient();
    MeshInstallation installation = MeshWorkloads.installation("canary", "1.30.4", Profile.DEFAULT);
    UpdateStrategy strategy = new UpdateStrategy();
    strategy.setType(UpdateStrategy.Type.REVISION_BASED);
    RevisionTagSpec stable = new RevisionTagSpec();
    stable.setName("stable");
    stable.setVersion("1.30.4");
    strategy.setTags(List.of(stable));
    installation.getSpec().setUpdateStrategy(strategy);
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
    Pod byRevision = MeshWorkloads.pod(client, namespace(Map.of("istio.io/rev", REVISION)));
    Pod byNamedTag = MeshWorkloads.pod(client, namespace(Map.of("istio.io/rev", "stable")));
    Pod byDefaultTag = MeshWorkloads.pod(client, namespace(Map.of("istio-injection", "enabled")));

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
    return MeshWorkloads.namespace(
        client, "rev-" + UUID.randomUUID().toString().substring(0, 8), labels);
  }
}
