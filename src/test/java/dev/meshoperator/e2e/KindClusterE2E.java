package dev.meshoperator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.dajudge.kindcontainer.KindContainer;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.status.Conditions;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The packaged operator, as a separate process, installing Istio on a kind cluster where istiod's
 * real image runs. Needs a Docker engine (and the images); elsewhere it is skipped and says why.
 */
@Tag(Tiers.E2E)
class KindClusterE2E {

  private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

  @BeforeEach
  void needsDocker() {
    boolean docker = DockerClientFactory.instance().isDockerAvailable();
    String reason =
        "KindClusterE2E skipped: no Docker engine on this machine; the kind tier runs where one exists"
            + " (the *IT tier covers the same flows on the local control plane)";
    if (!docker) {
      System.out.println(reason);
    }
    assumeTrue(docker, reason);
  }

  @Test
  void packagedOperatorMakesTheDefaultExampleReadyOnKind() throws Exception {
    try (KindContainer<?> kind = new KindContainer<>()) {
      kind.start();
      Path kubeconfig = Files.createTempFile("kind", ".kubeconfig");
      Files.writeString(kubeconfig, kind.getKubeconfig());
      Process operator = null;
      try (KubernetesClient client =
          new KubernetesClientBuilder()
              .withConfig(Config.fromKubeconfig(kind.getKubeconfig()))
              .build()) {
        try (InputStream crd =
            Files.newInputStream(
                Path.of("src/main/resources/crds/meshinstallations.mesh.operator.dev-v1.yml"))) {
          client
              .resource(client.apiextensions().v1().customResourceDefinitions().load(crd).item())
              .serverSideApply();
        }
        ProcessBuilder start = new ProcessBuilder("java", "-jar", JAR.toString()).inheritIO();
        start.environment().put("KUBECONFIG", kubeconfig.toString());
        operator = start.start();
        MeshInstallation mesh;
        try (InputStream example = Files.newInputStream(Path.of("docs/examples/default.yaml"))) {
          mesh =
              client
                  .resource(client.resources(MeshInstallation.class).load(example).item())
                  .create();
        }
        await()
            .atMost(Duration.ofMinutes(10))
            .untilAsserted(
                () -> {
                  MeshInstallation current = client.resource(mesh).get();
                  assertThat(current.getStatus()).isNotNull();
                  assertThat(Conditions.find(current.getStatus().getConditions(), Conditions.READY))
                      .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
                });
      } finally {
        if (operator != null) {
          operator.destroy();
        }
      }
    }
  }
}
