package dev.meshoperator.testing.istio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Istio's own istioctl (built from the istio.io/istio Go module) against the Istio cluster. */
public final class Istioctl {

  /** What one run printed: exit code and combined output. */
  public record Result(int exitCode, String output) {}

  private Istioctl() {}

  public static Result run(IstioCluster istio, String... args) {
    List<String> command = new ArrayList<>();
    command.add(istio.istioctl().toString());
    command.add("--kubeconfig");
    command.add(istio.cluster().kubeconfig().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // No home directory state and no telemetry: istioctl reads only the cluster.
    builder.environment().put("HOME", istio.workDir("istioctl-home").toString());
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("istioctl " + String.join(" ", args) + " timed out");
      }
      // Kept beside the other logs, to read what istioctl said when an assertion is puzzling.
      Files.writeString(
          istio.workDir("istioctl.log"),
          "$ istioctl " + String.join(" ", args) + "\n" + output + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running istioctl", e);
    }
  }
}
