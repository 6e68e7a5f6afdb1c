package dev.meshoperator.bench;

import dev.meshoperator.localcluster.LocalCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A user at a terminal, timed as the issue timed the install: {@code kubectl create}, then {@code
 * kubectl wait --for=condition=Ready} (which also waits for the condition's observedGeneration).
 * kubectl is a Go program: observing from this JVM instead made it compile for 1.0 to 1.7 s of CPU
 * during the install (measured), CPU the API server and the operator did not get on two cores.
 */
final class KubectlUser {

  private final LocalCluster cluster;
  private final Path cacheDir;

  KubectlUser(LocalCluster cluster, Path cacheDir) {
    this.cluster = cluster;
    this.cacheDir = cacheDir;
  }

  /** Fills kubectl's discovery cache, as a user's terminal has it. */
  void warmUp(String resource) throws IOException {
    run("get", resource);
  }

  /** Creates {@code resource} and returns once it reports Ready for its generation. */
  void createAndWaitReady(HasMetadata resource, Duration bound) throws IOException {
    Path manifest = Files.createTempFile(cacheDir.getParent(), "bench-", ".yaml");
    try {
      Files.writeString(manifest, Serialization.asYaml(resource));
      run("create", "-f", manifest.toString());
      run(
          "wait",
          "--for=condition=Ready",
          "--timeout=" + bound.toSeconds() + "s",
          resource.getKind().toLowerCase() + "/" + resource.getMetadata().getName());
    } finally {
      Files.deleteIfExists(manifest);
    }
  }

  private void run(String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(cluster.kubectl().toString());
    command.add("--kubeconfig=" + cluster.kubeconfig());
    command.add("--cache-dir=" + cacheDir);
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (process.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", arguments) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", arguments), e);
    }
  }
}
