package dev.meshoperator.localcluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Kubernetes control plane on 127.0.0.1 (etcd, kube-apiserver, kube-controller-manager,
 * kube-scheduler) with kwok faking the nodes, started through kwokctl's binary runtime.
 *
 * <p>kwokctl starts the processes detached, so they would outlive a killed JVM. Two guards stop
 * that: a watchdog in its own session deletes the cluster once this JVM is gone, and every start
 * first deletes clusters left behind by JVMs that no longer run.
 */
public final class LocalCluster implements AutoCloseable {

  private static final Pattern OWNED_NAME = Pattern.compile("mesh-(\\d+)-\\d+");
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

  private final Path binDir;
  private final Path workDir;
  private final String name;
  private final Process watchdog;
  private boolean closed;

  private LocalCluster(Path binDir, Path workDir, String name, Process watchdog) {
    this.binDir = binDir;
    this.workDir = workDir;
    this.name = name;
    this.watchdog = watchdog;
  }

  /**
   * A handle on a cluster another part of this JVM started (one class loader's, seen from
   * another's): the same files and client; {@link #close()} leaves the cluster to its starter.
   */
  public static LocalCluster attach(Path binDir, Path workDir, String name) {
    LocalCluster attached = new LocalCluster(binDir, workDir.toAbsolutePath(), name, null);
    attached.closed = true;
    return attached;
  }

  /** Starts a cluster with {@code nodes} fake nodes and waits until they are Ready. */
  public static LocalCluster start(Path binDir, Path workDir, int nodes) {
    return start(binDir, workDir, nodes, null);
  }

  /**
   * The same, with kube-apiserver auditing requests under {@code auditPolicy} (null for none) into
   * {@link #auditLog()}: how benchmarks count the API requests a client issues.
   */
  public static LocalCluster start(Path binDir, Path workDir, int nodes, Path auditPolicy) {
    return start(binDir, workDir, nodes, auditPolicy, Map.of());
  }

  /**
   * The same, with more kube-apiserver flags ({@code egress-selector-config-file}, say: how the
   * Istio tier routes the API server's webhook calls to istiod running as a local process).
   */
  public static LocalCluster start(
      Path binDir, Path workDir, int nodes, Path auditPolicy, Map<String, String> apiserverArgs) {
    long started = System.nanoTime();
    try {
      Files.createDirectories(workDir);
      Path absoluteWorkDir = workDir.toAbsolutePath();
      deleteClustersOfDeadJvms(binDir, absoluteWorkDir);
      String name = "mesh-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100_000;
      Path config = absoluteWorkDir.resolve(name + "-kwokctl.yaml");
      Files.writeString(
          config,
          KwokctlConfiguration.forBinaries(binDir)
              .withAuditPolicy(auditPolicy)
              .withApiserverArgs(apiserverArgs)
              .toYaml());
      Process watchdog = startWatchdog(binDir, absoluteWorkDir, name);
      LocalCluster cluster = new LocalCluster(binDir, absoluteWorkDir, name, watchdog);
      try {
        try (KwokctlPorts ports = KwokctlPorts.hold()) {
          cluster.kwokctl(
              "create",
              "cluster",
              "--config",
              config.toString(),
              "--kubeconfig",
              absoluteWorkDir.resolve(name + "-merged.kubeconfig").toString(),
              "--wait",
              START_TIMEOUT.toSeconds() + "s");
          // Its ports are bound once kube-apiserver answers; kwokctl may return before that.
          cluster.awaitApiserverReady(START_TIMEOUT);
        }
        cluster.kwokctl("scale", "node", "--replicas", Integer.toString(nodes));
        cluster.awaitReadyNodes(nodes);
      } catch (RuntimeException e) {
        cluster.keepLogs();
        cluster.close();
        throw e;
      }
      System.err.printf(
          "local-cluster: %s up with %d fake nodes in %d ms (kubeconfig %s)%n",
          name, nodes, (System.nanoTime() - started) / 1_000_000, cluster.kubeconfig());
      return cluster;
    } catch (IOException e) {
      throw new LocalClusterException("cannot prepare " + workDir + ": " + e.getMessage(), e);
    }
  }

  /** The cluster's own kubeconfig (admin, system:masters), written by kwokctl. */
  public Path kubeconfig() {
    return workDir.resolve("clusters").resolve(name).resolve("kubeconfig.yaml");
  }

  /** The kubectl built with the control plane, of the same Kubernetes release. */
  public Path kubectl() {
    return binDir.resolve("kubectl");
  }

  /** Where kube-apiserver writes audit events, when started with an audit policy. */
  public Path auditLog() {
    return workDir.resolve("clusters").resolve(name).resolve("logs").resolve("audit.log");
  }

  /**
   * Kills kube-apiserver now; the returned outage starts it again. etcd, the controllers and kwok
   * keep running, as they would when only the API server's node is lost.
   */
  public ApiserverOutage stopApiserver(KwokctlPorts held) {
    return ApiserverOutage.begin(this, workDir.resolve("clusters").resolve(name), held);
  }

  public String name() {
    return name;
  }

  /** The client configuration of {@link #kubeconfig()}: server URL and certificate files. */
  public Config clientConfig() {
    try {
      return Config.fromKubeconfig(Files.readString(kubeconfig()));
    } catch (IOException e) {
      throw new LocalClusterException("cannot read " + kubeconfig(), e);
    }
  }

  /** A new client for this cluster; the caller closes it. */
  public KubernetesClient newClient() {
    return new KubernetesClientBuilder().withConfig(clientConfig()).build();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      kwokctl("delete", "cluster");
    } finally {
      watchdog.destroy();
    }
  }

  /**
   * Copies the components' logs beside the cluster's directory, which deleting the cluster removes,
   * and prints where: a cluster that did not start says why afterwards.
   */
  private void keepLogs() {
    Path logs = workDir.resolve("clusters").resolve(name).resolve("logs");
    Path kept = workDir.resolve(name + "-logs");
    try (Stream<Path> files = Files.list(logs)) {
      Files.createDirectories(kept);
      for (Path log : files.toList()) {
        Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
      System.err.println("local-cluster: " + name + " did not start; its logs are in " + kept);
    } catch (IOException e) {
      System.err.println("local-cluster: could not keep the logs of " + name + ": " + e);
    }
  }

  /**
   * kwokctl's {@code --wait} only logs when the cluster is not ready in time, and exits 0: on a
   * loaded machine kube-apiserver may still be starting. Its {@code /readyz} decides.
   */
  void awaitApiserverReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer yet";
    try (KubernetesClient client = newClient()) {
      while (System.nanoTime() < deadline) {
        try {
          String ready = client.raw("/readyz");
          if ("ok".equals(ready == null ? null : ready.strip())) {
            return;
          }
          last = "not ready";
        } catch (RuntimeException notYet) {
          last = String.valueOf(notYet.getMessage());
        }
        Thread.sleep(250);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalClusterException("interrupted waiting for kube-apiserver", e);
    }
    throw new LocalClusterException(
        "kube-apiserver of " + name + " not ready within " + timeout + ": " + last);
  }

  private void awaitReadyNodes(int expected) {
    try (KubernetesClient client = newClient()) {
      client
          .nodes()
          .withLabel("type", "kwok")
          .informOnCondition(
              nodes -> nodes.stream().filter(LocalCluster::isReady).count() >= expected)
          .get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new LocalClusterException(
          expected + " fake nodes did not become Ready within " + START_TIMEOUT, e);
    } catch (ExecutionException e) {
      throw new LocalClusterException("watching the fake nodes failed: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalClusterException("interrupted waiting for fake nodes", e);
    }
  }

  private static boolean isReady(Node node) {
    return node.getStatus() != null
        && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private void kwokctl(String... args) {
    runKwokctl(binDir, workDir, name, args);
  }

  private static void runKwokctl(Path binDir, Path workDir, String name, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binDir.resolve("kwokctl").toString());
    command.add("--name");
    command.add(name);
    command.addAll(List.of(args));
    Path output;
    try {
      output = Files.createTempFile("kwokctl", ".log");
    } catch (IOException e) {
      throw new LocalClusterException("cannot run kwokctl: " + e.getMessage(), e);
    }
    // Output to a file, not a pipe read to its end: the timeout below must apply to a hung kwokctl.
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("KWOK_WORKDIR", workDir.toString());
    // kwokctl looks kubectl up on PATH before its own (download) default.
    builder.environment().put("PATH", binDir + ":" + System.getenv().getOrDefault("PATH", ""));
    try {
      Process process = builder.start();
      if (!process.waitFor(START_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new LocalClusterException(
            "kwokctl "
                + String.join(" ", args)
                + " timed out: "
                + Files.readString(output).strip());
      }
      if (process.exitValue() != 0) {
        throw new LocalClusterException(
            "kwokctl " + String.join(" ", args) + " failed: " + Files.readString(output).strip());
      }
    } catch (IOException e) {
      throw new LocalClusterException("cannot run kwokctl: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalClusterException("interrupted running kwokctl", e);
    } finally {
      output.toFile().delete();
    }
  }

  /** A process in its own session, so that a signal to our process group does not end it too. */
  private static Process startWatchdog(Path binDir, Path workDir, String name) throws IOException {
    String script =
        "while kill -0 \"$0\" 2>/dev/null; do sleep 2; done; "
            + "PATH=\"$1:$PATH\" KWOK_WORKDIR=\"$2\" exec \"$1/kwokctl\" --name \"$3\" delete cluster";
    return new ProcessBuilder(
            "setsid",
            "sh",
            "-c",
            script,
            Long.toString(ProcessHandle.current().pid()),
            binDir.toString(),
            workDir.toString(),
            name)
        .redirectErrorStream(true)
        .redirectOutput(workDir.resolve(name + "-watchdog.log").toFile())
        .start();
  }

  private static void deleteClustersOfDeadJvms(Path binDir, Path workDir) throws IOException {
    Path clusters = workDir.resolve("clusters");
    if (!Files.isDirectory(clusters)) {
      return;
    }
    try (Stream<Path> dirs = Files.list(clusters)) {
      for (Path dir : dirs.toList()) {
        String stale = dir.getFileName().toString();
        Matcher owner = OWNED_NAME.matcher(stale);
        if (owner.matches() && ProcessHandle.of(Long.parseLong(owner.group(1))).isEmpty()) {
          System.err.println("local-cluster: deleting " + stale + ", left behind by a dead JVM");
          runKwokctl(binDir, workDir, stale, "delete", "cluster");
        }
      }
    }
  }
}
