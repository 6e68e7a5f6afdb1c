package dev.meshoperator.istio;

import static dev.meshoperator.testing.istio.MeshWorkloads.CONTROL_PLANE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.testing.Tiers;
import dev.meshoperator.testing.istio.InstalledMesh;
import dev.meshoperator.testing.istio.IstioCluster;
import dev.meshoperator.testing.istio.IstioLogsOnFailure;
import dev.meshoperator.testing.istio.IstiodProcess;
import dev.meshoperator.testing.istio.MeshWorkloads;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every profile with istiod, and the oldest catalog lines: istiod loads the mesh config and the
 * injector config the operator wrote for it without an error or a warning, and injects a pod. (The
 * default and ambient profiles of the newest line have test classes of their own.)
 */
@ExtendWith(IstioLogsOnFailure.class)
@Tag(Tiers.ISTIO)
class ProfilesIT {

  static Stream<Arguments> installations() {
    return Stream.of(
        Arguments.of("1.30.4", Profile.MINIMAL),
        Arguments.of("1.30.4", Profile.DEMO),
        Arguments.of("1.29.6", Profile.DEFAULT),
        Arguments.of("1.28.10", Profile.DEFAULT));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("installations")
  void istiodLoadsTheConfigurationAndInjects(String version, Profile profile) {
    IstioCluster istio = IstioCluster.get();
    String name = "p-" + version.replace('.', '-') + "-" + profile.value();
    MeshInstallation installation = MeshWorkloads.installation(name, version, profile);
    // 1.28 is past its end of life: installed on purpose, as by a team that keeps an old line.
    if (version.startsWith("1.28.")) {
      installation.getSpec().setAllowEndOfLife(true);
    }
    try (KubernetesClient client = istio.newClient();
        InstalledMesh mesh = InstalledMesh.install(istio, installation)) {
      IstiodProcess istiod = mesh.startIstiod(CONTROL_PLANE, "istiod");
      Pod pod =
          MeshWorkloads.pod(
              client, MeshWorkloads.namespace(client, name, Map.of("istio-injection", "enabled")));

      assertThat(pod.getMetadata().getAnnotations()).containsKey("sidecar.istio.io/status");
      assertThat(MeshWorkloads.container(pod, "istio-proxy"))
          .map(Container::getImage)
          .as("the proxy image of the installed release")
          .hasValue("docker.io/istio/proxyv2:" + version);
      assertThat(istiod.problems())
          .as("istiod's errors and warnings; see %s", istiod.log())
          .isEmpty();
    }
  }
}
