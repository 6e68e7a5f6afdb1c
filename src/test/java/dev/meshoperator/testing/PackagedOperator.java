package dev.meshoperator.testing;

import dev.meshoperator.apply.EnrollmentHold;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged operator ({@code target/quarkus-app}) as its own process, authenticated as its own
 * ServiceAccount with exactly the RBAC the build generates: what a user installs, minus the image.
 */
public final class PackagedOperator implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final int httpPort;
  private final int metricsPort;

  private PackagedOperator(Process process, Path log, int httpPort, int metricsPort) {
    this.process = process;
    this.log = log;
    this.httpPort = httpPort;
    this.metricsPort = metricsPort;
  }

  /** A port nothing listens on now, for an operator whose endpoints a test calls. */
  public static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * Installs the generated ServiceAccount, roles and bindings into {@code namespace}, and the
   * admission policy that guards the operator's RBAC writes; returns the ServiceAccount's name.
   */
  public static String installGeneratedRbac(KubernetesClient admin, String namespace)
      throws IOException {
    return installGeneratedRbac(admin, namespace, OperatorBuild.current());
  }

  /** The same, with the RBAC {@code build} generated. */
  public static String installGeneratedRbac(
      KubernetesClient admin, String namespace, OperatorBuild build) throws IOException {
    List<HasMetadata> generated = Serialization.unmarshal(Files.readString(build.rbac()));
    String serviceAccount = null;
    for (HasMetadata object : generated) {
      switch (object.getKind()) {
        case "ServiceAccount" -> serviceAccount = object.getMetadata().getName();
        case "ClusterRole", "Role" -> {}
        // The guard on the operator's RBAC writes: every test of the packaged operator runs
        // under it, as an installed operator does.
        case "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding" -> {}
        case "ClusterRoleBinding" -> {
          // Bind per namespace, so parallel runs and reruns do not collide.
          object.getMetadata().setName(object.getMetadata().getName() + "-" + namespace);
          ((ClusterRoleBinding) object).getSubjects().forEach(s -> s.setNamespace(namespace));
        }
        case "RoleBinding" ->
            ((RoleBinding) object).getSubjects().forEach(s -> s.setNamespace(namespace));
        default -> {
          continue;
        }
      }
      if (object instanceof Namespaced) {
        object.getMetadata().setNamespace(namespace);
      }
      admin.resource(object).forceConflicts().serverSideApply();
    }
    return serviceAccount;
  }

  /**
   * JVM options that shard both controllers of a packaged operator to the installations labelled
   * {@code label}, so that it and the tests' in-process operator never act on the same one.
   */
  public static List<String> shardedTo(String label) {
    return List.of(
        "-Dquarkus.operator-sdk.controllers.meshinstallation.selector=" + label,
        "-Dquarkus.operator-sdk.controllers.\"meshinstallation-release\".selector="
            + EnrollmentHold.SELECTOR
            + ","
            + label);
  }

  /** A one-hour token of {@code serviceAccount}. */
  public static String token(KubernetesClient admin, String namespace, String serviceAccount) {
    return admin
        .serviceAccounts()
        .inNamespace(namespace)
        .withName(serviceAccount)
        .tokenRequest(
            new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
        .getStatus()
        .getToken();
  }

  /**
   * Starts the packaged operator against {@code cluster} with {@code token}, as if it ran in a pod
   * of {@code namespace} (where its leader-election Lease goes); {@code env} adds settings (a
   * controller selector, for one), {@code jvmOptions} JVM flags.
   */
  public static PackagedOperator start(
      Config cluster,
      String namespace,
      String token,
      Map<String, String> env,
      List<String> jvmOptions,
      Path log)
      throws IOException {
    return start(OperatorBuild.current(), cluster, namespace, token, env, jvmOptions, log);
  }

  /** The same, running {@code build}'s jar. */
  public static PackagedOperator start(
      OperatorBuild build,
      Config cluster,
      String namespace,
      String token,
      Map<String, String> env,
      List<String> jvmOptions,
      Path log)
      throws IOException {
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", build.jar().toString()));
    ProcessBuilder start =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    start.environment().put("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", cluster.getMasterUrl());
    start.environment().put("QUARKUS_KUBERNETES_CLIENT_CA_CERT_FILE", cluster.getCaCertFile());
    start.environment().put("QUARKUS_KUBERNETES_CLIENT_TOKEN", token);
    start.environment().put("QUARKUS_HTTP_PORT", "0");
    // Several operators run on one machine: none takes the HTTPS metrics port 8443.
    start.environment().put("MESH_METRICS_PORT", "0");
    start.environment().put("KUBECONFIG", "/dev/null");
    start.environment().put("KUBERNETES_NAMESPACE", namespace);
    start.environment().put("POD_NAME", log.getFileName().toString());
    start.environment().putAll(env);
    int port = Integer.parseInt(start.environment().get("QUARKUS_HTTP_PORT"));
    int metrics = Integer.parseInt(start.environment().get("MESH_METRICS_PORT"));
    return new PackagedOperator(start.start(), log, port, metrics);
  }

  /** Waits until Quarkus has started (its controllers with it) and says so in the log. */
  public PackagedOperator awaitStarted(java.time.Duration within) {
    org.awaitility.Awaitility.await()
        .atMost(within)
        .pollInterval(java.time.Duration.ofMillis(100))
        .until(() -> !isAlive() || Files.readString(log).contains("Installed features"));
    if (!isAlive()) {
      throw new IllegalStateException("the operator exited at start; see " + log);
    }
    return this;
  }

  /**
   * A GET of the operator's HTTP endpoint {@code path} (health, metrics); needs the port set with
   * {@code QUARKUS_HTTP_PORT} in the start environment.
   */
  public java.net.http.HttpResponse<String> get(String path)
      throws IOException, InterruptedException {
    if (httpPort == 0) {
      throw new IllegalStateException("started without QUARKUS_HTTP_PORT: no port to call");
    }
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + httpPort + path))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A scrape of the HTTPS metrics with {@code token}; needs the port set with {@code
   * MESH_METRICS_PORT} in the start environment.
   */
  public MetricsScraper.Scrape scrape(String token) throws IOException, InterruptedException {
    if (metricsPort == 0) {
      throw new IllegalStateException("started without MESH_METRICS_PORT: no port to call");
    }
    return MetricsScraper.scrape(metricsPort, token);
  }

  /** CPU time the process has used so far (user and system), in milliseconds. */
  public long cpuMillis() throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // Fields 14 and 15 of proc(5), counted after the command name: utime and stime, in ticks.
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks * 1000 / 100;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  /** Ends the process at once (SIGKILL): no shutdown hook, no Lease released, as a crash. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
