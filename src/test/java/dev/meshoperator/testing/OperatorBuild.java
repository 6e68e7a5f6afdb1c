package dev.meshoperator.testing;

import dev.meshoperator.localcluster.OneBuildAtATime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * One packaged build of the operator, as a user installs it: the runnable jar, the RBAC the build
 * generated and the MeshInstallation CRD it ships.
 */
public record OperatorBuild(String name, Path jar, Path rbac, Path crd) {

  /** What this checkout packaged ({@code ./mvnw package}). */
  public static OperatorBuild current() {
    return new OperatorBuild(
        "this build",
        Path.of("target/quarkus-app/quarkus-run.jar"),
        Path.of("target/kubernetes/kubernetes.yml"),
        Path.of("src/main/resources/crds/meshinstallations.mesh.operator.dev-v1.yml"));
  }

  /**
   * The previous release, built from the commit {@code hack/previous-release/commit} names (once
   * per machine; {@code hack/previous-release/build.sh} caches it).
   */
  public static OperatorBuild previousRelease() throws IOException, InterruptedException {
    Process build =
        new ProcessBuilder(OneBuildAtATime.command("hack/previous-release/build.sh"))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (build.waitFor() != 0) {
      throw new IllegalStateException(
          "hack/previous-release/build.sh could not build the previous release; its reasons are"
              + " above");
    }
    List<String> lines = output.lines().toList();
    Path dir = Path.of(lines.get(lines.size() - 1));
    return new OperatorBuild(
        "the previous release",
        dir.resolve("quarkus-app/quarkus-run.jar"),
        dir.resolve("kubernetes.yml"),
        dir.resolve("crd.yml"));
  }
}
