package dev.meshoperator.reconcile;

import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.testing.DumpOnFailure;
import dev.meshoperator.testing.LocalClusterTestResource;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example in docs/examples is accepted by the CRD and becomes Ready, as the docs promise. */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterTestResource.class, restrictToAnnotatedClass = true)
@ExtendWith(DumpOnFailure.class)
@Tag(Tiers.CLUSTER)
class DocsExamplesIT {

  private static final Duration BOUND = Duration.ofSeconds(120);

  @Inject KubernetesClient client;

  static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("docs/examples"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleBecomesReady(Path example) throws IOException {
    MeshInstallation mesh;
    try (InputStream in = Files.newInputStream(example)) {
      mesh = client.resources(MeshInstallation.class).load(in).item();
    }
    MeshInstallation created = client.resource(mesh).create();
    try {
      MeshAssert.of(client, created).within(BOUND).awaitReady();
    } finally {
      client.resource(created).delete();
      await().atMost(BOUND).until(() -> client.resource(created).get() == null);
      String ns = created.getSpec().getNamespace();
      await()
          .atMost(BOUND)
          .until(() -> client.apps().deployments().inNamespace(ns).list().getItems().isEmpty());
    }
  }
}
