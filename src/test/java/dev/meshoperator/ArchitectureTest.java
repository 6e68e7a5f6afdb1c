package dev.meshoperator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The layers the flow is built from: every package but apply/ (the only writer) and reconcile/ (the
 * informers and the snapshot served from them) is pure. It never reaches the cluster nor the
 * operator framework, so planning, rendering and status are tested as units.
 */
class ArchitectureTest {

  private static final List<String> FORBIDDEN =
      List.of(
          "io.fabric8.kubernetes.client.KubernetesClient",
          "io.fabric8.kubernetes.client.dsl",
          "io.javaoperatorsdk");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "adopt",
        "api",
        "catalog",
        "crds",
        "istioapi",
        "plan",
        "observe",
        "overlay",
        "preflight",
        "revision",
        "ambient",
        "installation",
        "render",
        "status",
        "translate"
      })
  void pureLayersImportNoClientOrOperatorFramework(String pkg) throws IOException {
    Path dir = Path.of("src/main/java/dev/meshoperator", pkg);
    assertThat(dir).isDirectory();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file);
        for (String forbidden : FORBIDDEN) {
          assertThat(source)
              .as("%s imports %s", file, forbidden)
              .doesNotContain("import " + forbidden);
        }
      }
    }
  }
}
