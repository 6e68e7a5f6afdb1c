package dev.meshoperator.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Rendering and planning are pure: they never reach the cluster, so they are tested as units. */
class RenderPurityTest {

  private static final List<String> FORBIDDEN =
      List.of(
          "io.fabric8.kubernetes.client.KubernetesClient",
          "io.fabric8.kubernetes.client.dsl",
          "io.javaoperatorsdk");

  @Test
  void renderPlanAndCatalogImportNoClientOrOperatorFramework() throws IOException {
    for (String pkg : List.of("render", "plan", "catalog", "status")) {
      try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/meshoperator", pkg))) {
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
}
