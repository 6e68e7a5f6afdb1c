package dev.meshoperator.localcluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * kube-apiserver gone, as a crash or a lost control-plane node: the process is killed at once
 * (SIGKILL, in-flight requests cut), and {@link #end()} starts it again with the very command line,
 * working directory and environment it had, so that etcd's data, the certificates and the audit log
 * carry on. The controller manager and the scheduler give up leadership, and exit, when they cannot
 * reach the API server for long; {@link #end()} starts those that did, as a kubelet restarts static
 * pods. New pids go into kwokctl's pid files, so deleting the cluster still stops every process.
 */
public final class ApiserverOutage {

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(1);
  private static final String APISERVER = "kube-apiserver";

  /** A control-plane process as it was started: enough to start it again. */
  private record Component(
      String name,
      long pid,
      List<String> command,
      Path workingDirectory,
      Map<String, String> environment) {}

  private final LocalCluster cluster;
  private final Path clusterDir;
  private final List<Component> components;

  private boolean ended;

  private ApiserverOutage(LocalCluster cluster, Path clusterDir, List<Component> components) {
    this.cluster = cluster;
    this.clusterDir = clusterDir;
    this.components = components;
  }

  /**
   * {@code held}: the caller holds {@link KwokctlPorts} from before the outage until after {@link
   * #end()}, so that no cluster created meanwhile takes the killed server's port. Taken before the
   * moment the outage must hit, as waiting for it could take that moment away.
   */
  static ApiserverOutage begin(LocalCluster cluster, Path clusterDir, KwokctlPorts held) {
    Objects.requireNonNull(held, "the ports' lock");
    try {
      List<Component> components = new ArrayList<>();
      try (Stream<Path> pidFiles = Files.list(clusterDir.resolve("pids"))) {
        for (Path pidFile : pidFiles.sorted().toList()) {
          String name = pidFile.getFileName().toString().replaceFirst("\\.pid$", "");
          if (!name.equals("etcd")) {
            components.add(read(name, Long.parseLong(Files.readString(pidFile).strip())));
          }
        }
      }
      Component apiserver =
          components.stream()
              .filter(c -> c.name().equals(APISERVER))
              .findFirst()
              .orElseThrow(() -> new LocalClusterException("no kube-apiserver pid file"));
      ProcessHandle process =
          ProcessHandle.of(apiserver.pid())
              .orElseThrow(() -> new LocalClusterException("kube-apiserver is not running"));
      process.destroyForcibly();
      process.onExit().get(30, TimeUnit.SECONDS);
      return new ApiserverOutage(cluster, clusterDir, components);
    } catch (IOException | ExecutionException e) {
      throw new LocalClusterException("cannot stop kube-apiserver: " + e.getMessage(), e);
    } catch (TimeoutException e) {
      throw new LocalClusterException("kube-apiserver did not exit after SIGKILL", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalClusterException("interrupted stopping kube-apiserver", e);
    }
  }

  /**
   * Starts kube-apiserver again and waits until it answers {@code /readyz}, then starts every other
   * component that exited meanwhile.
   */
  public synchronized void end() {
    if (ended) {
      return;
    }
    ended = true;
    for (Component component : components) {
      if (component.name().equals(APISERVER)) {
        start(component);
        cluster.awaitApiserverReady(READY_TIMEOUT);
      }
    }
    for (Component component : components) {
      if (!component.name().equals(APISERVER) && !running(component.pid())) {
        start(component);
      }
    }
  }

  private void start(Component component) {
    try {
      Path log = clusterDir.resolve("logs").resolve(component.name() + ".log");
      ProcessBuilder start =
          new ProcessBuilder(component.command())
              .directory(component.workingDirectory().toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      start.environment().clear();
      start.environment().putAll(component.environment());
      Process process = start.start();
      Files.writeString(
          clusterDir.resolve("pids").resolve(component.name() + ".pid"),
          Long.toString(process.pid()));
    } catch (IOException e) {
      throw new LocalClusterException(
          "cannot start " + component.name() + " again: " + e.getMessage(), e);
    }
  }

  /** Whether the process runs: a zombie (exited, not yet reaped) does not. */
  private static boolean running(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }

  private static Component read(String name, long pid) throws IOException {
    Path proc = Path.of("/proc", Long.toString(pid));
    Map<String, String> environment = new LinkedHashMap<>();
    for (String entry : nulSeparated(Files.readAllBytes(proc.resolve("environ")))) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        environment.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return new Component(
        name,
        pid,
        nulSeparated(Files.readAllBytes(proc.resolve("cmdline"))),
        Files.readSymbolicLink(proc.resolve("cwd")),
        environment);
  }

  private static List<String> nulSeparated(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    return new ArrayList<>(Arrays.asList(text.split("\0")));
  }
}
