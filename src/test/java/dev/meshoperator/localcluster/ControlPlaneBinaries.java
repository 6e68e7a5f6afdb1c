package dev.meshoperator.localcluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the local control-plane binaries, building them with the project's script when absent. */
public final class ControlPlaneBinaries {

  static final List<String> REQUIRED =
      List.of(
          "etcd",
          "kube-apiserver",
          "kube-controller-manager",
          "kube-scheduler",
          "kubectl",
          "kwok",
          "kwokctl");

  private ControlPlaneBinaries() {}

  /**
   * Runs {@code hack/control-plane/build.sh} under {@code projectDir}; it reuses earlier builds, so
   * this costs a second when the binaries exist and a few minutes on a fresh machine.
   */
  public static Path locate(Path projectDir) {
    return locate(projectDir, "kube", REQUIRED);
  }

  /**
   * The same for another target of the script ({@code istio}: istiod and istioctl), checking that
   * {@code required} binaries are there.
   */
  public static Path locate(Path projectDir, String target, List<String> required) {
    Path script = projectDir.resolve("hack/control-plane/build.sh");
    if (!Files.isExecutable(script)) {
      throw new LocalClusterException(
          "cannot build the local control plane: " + script + " is missing or not executable");
    }
    try {
      Process build =
          new ProcessBuilder(OneBuildAtATime.command(script.toString(), target))
              .directory(projectDir.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String out = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (build.waitFor() != 0) {
        throw new LocalClusterException(
            "hack/control-plane/build.sh "
                + target
                + " failed (exit "
                + build.exitValue()
                + "); its messages are above. It needs Go and the Go module proxy, or"
                + " MESH_CONTROL_PLANE_BIN pointing at prebuilt binaries.");
      }
      String[] lines = out.strip().split("\n");
      Path dir = Path.of(lines[lines.length - 1].strip());
      for (String binary : required) {
        if (!Files.isExecutable(dir.resolve(binary))) {
          throw new LocalClusterException(binary + " is missing in " + dir);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new LocalClusterException("could not run " + script + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalClusterException("interrupted while building the control plane", e);
    }
  }
}
