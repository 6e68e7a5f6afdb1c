package dev.meshoperator.packaging;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.meshoperator.localcluster.OneBuildAtATime;
import dev.meshoperator.testing.DeployedOperator;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The operator's JVM image, built by hack/image/build and run with podman (hack/image/podman) the
 * way a kubelet would run the Deployment's pod: its environment, its ServiceAccount's token and CA
 * mounted where in-cluster clients look, a read-only root with /tmp as the only writable place, no
 * capabilities, no privilege escalation, and the image's own non-root user.
 */
final class ContainerImage {

  private final String name;

  private ContainerImage(String name) {
    this.name = name;
  }

  /** Builds the image; skips the test, saying why, where podman or mmdebstrap is missing. */
  static ContainerImage buildOrSkip() throws IOException, InterruptedException {
    assumeTrue(
        onPath("podman") && onPath("mmdebstrap"),
        "image tier skipped: podman and mmdebstrap are not installed here; hack/image/install-tools"
            + " installs them (as root; .ci/run does)");
    return new ContainerImage(
        lastLine(
            run(
                OneBuildAtATime.command("hack/image/build"),
                Map.of("VERSION", System.getProperty("mesh.project-version", "dev")))));
  }

  String user() throws IOException, InterruptedException {
    return lastLine(podman("image", "inspect", "--format", "{{.Config.User}}", name));
  }

  String label(String key) throws IOException, InterruptedException {
    return lastLine(
        podman("image", "inspect", "--format", "{{index .Config.Labels \"" + key + "\"}}", name));
  }

  /**
   * The digest of the image's manifest as podman pushes it, here to an OCI layout under {@code
   * target/} for want of a registry. A push to a registry reports its own (podman may compress the
   * layers anew), which is why a release reads the digest its push wrote.
   */
  String digest() throws IOException, InterruptedException {
    Path layout = Path.of("target/image-oci").toAbsolutePath();
    Path digestFile = Path.of("target/image-oci.digest").toAbsolutePath();
    Files.createDirectories(layout.getParent());
    podman(
        "push",
        "--quiet",
        "--digestfile",
        digestFile.toString(),
        name,
        "oci:" + layout + ":mesh-operator");
    return Files.readString(digestFile).strip();
  }

  /** Starts the image as pod {@code podName} of {@code deployment} would run. */
  Running runAsPod(KubernetesClient admin, Config cluster, Deployment deployment, String podName)
      throws IOException, InterruptedException {
    Path secrets = Path.of("target/image-it/serviceaccount").toAbsolutePath();
    Files.createDirectories(secrets);
    Files.writeString(secrets.resolve("token"), DeployedOperator.token(admin, deployment));
    Files.copy(
        Path.of(cluster.getCaCertFile()),
        secrets.resolve("ca.crt"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(secrets.resolve("namespace"), deployment.getMetadata().getNamespace());
    URI apiserver = URI.create(cluster.getMasterUrl());
    Container container = DeployedOperator.container(deployment);
    String containerName = "mesh-operator-it-" + ProcessHandle.current().pid();
    List<String> args =
        new ArrayList<>(
            List.of("run", "--detach", "--replace", "--name", containerName, "--network=host"));
    var security = container.getSecurityContext();
    if (Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
      args.add("--read-only");
    }
    if (Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
      args.add("--security-opt=no-new-privileges");
    }
    security.getCapabilities().getDrop().forEach(cap -> args.add("--cap-drop=" + cap));
    // The memory limit, as the kubelet sets it: the JVM sizes its heap from it.
    var limits = container.getResources().getLimits();
    if (limits != null && limits.containsKey("memory")) {
      args.add("--memory=" + limits.get("memory").getNumericalAmount().longValue());
    }
    for (Volume volume : deployment.getSpec().getTemplate().getSpec().getVolumes()) {
      container.getVolumeMounts().stream()
          .filter(mount -> mount.getName().equals(volume.getName()) && volume.getEmptyDir() != null)
          .forEach(mount -> args.add("--tmpfs=" + mount.getMountPath() + ":rw,size=64m"));
    }
    args.add("--volume=" + secrets + ":/var/run/secrets/kubernetes.io/serviceaccount:ro");
    Map<String, String> env = DeployedOperator.environment(deployment, podName);
    env.put("KUBERNETES_SERVICE_HOST", apiserver.getHost());
    env.put("KUBERNETES_SERVICE_PORT", Integer.toString(apiserver.getPort()));
    // Host networking: a port of its own instead of the pod's 8080.
    int port = freePort();
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    int metricsPort = freePort();
    env.put("MESH_METRICS_PORT", Integer.toString(metricsPort));
    env.forEach((key, value) -> args.add("--env=" + key + "=" + value));
    args.add(name);
    podman(args.toArray(String[]::new));
    return new Running(containerName, port, metricsPort);
  }

  /** A started container; closing it saves its log and removes it. */
  static final class Running implements AutoCloseable {
    private final String container;
    private final int port;
    private final int metricsPort;
    private final Path log = Path.of("target/image-it/operator.log");

    private Running(String container, int port, int metricsPort) {
      this.container = container;
      this.port = port;
      this.metricsPort = metricsPort;
    }

    /** The HTTPS metrics, scraped with {@code token}. */
    dev.meshoperator.testing.MetricsScraper.Scrape scrape(String token)
        throws IOException, InterruptedException {
      return dev.meshoperator.testing.MetricsScraper.scrape(metricsPort, token);
    }

    /** What the operator's HTTP port serves at {@code path} (health). */
    String get(String path) throws IOException, InterruptedException {
      var client = java.net.http.HttpClient.newHttpClient();
      var request =
          java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .build();
      return client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    boolean isRunning() {
      try {
        return "true"
            .equals(lastLine(podman("inspect", "--format", "{{.State.Running}}", container)));
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }

    /** CPU time the container's process has used so far (user and system), in milliseconds. */
    long cpuMillis() throws IOException, InterruptedException {
      String pid = lastLine(podman("inspect", "--format", "{{.State.Pid}}", container));
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      // After the command name in parentheses: field 14 is utime, 15 stime, in clock ticks (100/s).
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    /** Resident memory of the container's process, as the kernel counts it. */
    long residentBytes() throws IOException, InterruptedException {
      String pid = lastLine(podman("inspect", "--format", "{{.State.Pid}}", container));
      for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      throw new IllegalStateException("no VmRSS for pid " + pid);
    }

    Path log() {
      try {
        Files.writeString(log, podman("logs", container));
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return log;
    }

    @Override
    public void close() throws IOException, InterruptedException {
      log();
      podman("rm", "--force", container);
    }
  }

  private static String podman(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("hack/image/podman"));
    command.addAll(List.of(args));
    return run(command);
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    return run(command, Map.of());
  }

  private static String run(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().putAll(env);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(command + " failed (its errors are above): " + out);
    }
    return out;
  }

  private static String lastLine(String output) {
    return output.strip().lines().reduce((a, b) -> b).orElse("");
  }

  private static boolean onPath(String tool) {
    return Stream.of(System.getenv("PATH").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
