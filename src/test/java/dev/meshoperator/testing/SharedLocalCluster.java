package dev.meshoperator.testing;

import dev.meshoperator.localcluster.ControlPlaneBinaries;
import dev.meshoperator.localcluster.LocalCluster;
import java.nio.file.Path;

/**
 * One local control plane per test JVM, started on first use and deleted when the JVM exits. A
 * missing toolchain fails the test with the harness's message; nothing is skipped.
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

    private static LocalCluster start() {
      Path projectDir = Path.of("").toAbsolutePath();
      LocalCluster cluster =
          LocalCluster.start(
              ControlPlaneBinaries.locate(projectDir),
              projectDir.resolve("target").resolve(TestFork.name("local-cluster")),
              NODES);
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "local-cluster-stop"));
      return cluster;
    }
  }
}
