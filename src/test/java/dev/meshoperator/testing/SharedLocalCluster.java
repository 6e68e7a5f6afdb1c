package dev.meshoperator.testing;

import dev.meshoperator.localcluster.ControlPlaneBinaries;
import dev.meshoperator.localcluster.LocalCluster;
import java.nio.file.Path;

/**
 * One local control plane per test JVM, started on first use and deleted when the JVM exits. A
 * missing toolchain fails the test with the harness's message; nothing is skipped.
 *
 * <p>Quarkus loads the classes of a {@code @QuarkusTest} again in a class loader of its own, where
 * this class's statics start empty: the cluster is therefore named in a system property, which
 * every class loader of the JVM sees, and the second one attaches to it.
 */
public final class SharedLocalCluster {

  /** Enough nodes to see a DaemonSet spread, few enough to start in seconds. */
  public static final int NODES = 3;

  private SharedLocalCluster() {}

  public static LocalCluster get() {
    return Holder.CLUSTER;
  }

  private static final class Holder {
    private static final LocalCluster CLUSTER = start();

    private static final String RUNNING = "mesh.shared-local-cluster";

    private static LocalCluster start() {
      Path projectDir = Path.of("").toAbsolutePath();
      Path workDir = projectDir.resolve("target").resolve(TestFork.name("local-cluster"));
      Path binDir = ControlPlaneBinaries.locate(projectDir);
      // A lock every class loader shares, kept in the JVM's system properties.
      Object lock = System.getProperties().computeIfAbsent(RUNNING + ".lock", key -> new Object());
      synchronized (lock) {
        String running = System.getProperty(RUNNING);
        if (running != null) {
          return LocalCluster.attach(binDir, workDir, running);
        }
        LocalCluster cluster = LocalCluster.start(binDir, workDir, NODES);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "local-cluster-stop"));
        System.setProperty(RUNNING, cluster.name());
        return cluster;
      }
    }
  }
}
