package dev.meshoperator.istio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.api.v1alpha1.RevisionTagSpec;
import dev.meshoperator.api.v1alpha1.UpdateStrategy;
import dev.meshoperator.testing.Tiers;
import dev.meshoperator.testing.istio.IstioCluster;
import dev.meshoperator.testing.istio.IstioMesh;
import dev.meshoperator.testing.istio.Istioctl;
import dev.meshoperator.testing.istio.MeshWorkloads;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A revision-based installation as Istio's own tools see it: istiod of the revision injects pods
 * that name the revision or one of its tags, and istioctl lists the operator's tags and finds
 * nothing wrong with what the installation made.
 */
@Tag(Tiers.ISTIO)
class RevisionTagsIT {

  static final String REVISION = "canary-1-30-4";

  @RegisterExtension
  static final IstioMesh istio =
      IstioMesh.installing(RevisionTagsIT::installation, "istiod-" + REVISION);

  static MeshInstallation installation() {
    MeshInstallation installation = MeshWorkloads.installation("canary", "1.30.4", Profile.DEFAULT);
    UpdateStrategy strategy = new UpdateStrategy();
    strategy.setType(UpdateStrategy.Type.REVISION_BASED);
    RevisionTagSpec stable = new RevisionTagSpec();
    stable.setName("stable");
    stable.setVersion("1.30.4");
    strategy.setTags(List.of(stable));
    installation.getSpec().setUpdateStrategy(strategy);
    return installation;
  }

  @Test
  void theRevisionInjectsPodsThatNameItOrOneOfItsTags() {
    Pod byRevision = MeshWorkloads.pod(istio.client(), namespace(Map.of("istio.io/rev", REVISION)));
    Pod byNamedTag = MeshWorkloads.pod(istio.client(), namespace(Map.of("istio.io/rev", "stable")));
    Pod byDefaultTag =
        MeshWorkloads.pod(istio.client(), namespace(Map.of("istio-injection", "enabled")));

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
        istio.client(), "rev-" + UUID.randomUUID().toString().substring(0, 8), labels);
  }
}
