package dev.meshoperator.testing;

import dev.meshoperator.localcluster.ControlPlaneBinaries;
import dev.meshoperator.localcluster.LocalCluster;
import java.nio.file.Path;

/**
 * A local control plane of a test class's own, for tests that install the operator as a user does
 * (its cluster-scoped RBAC, its CRD from the chart): they must not meet the shared cluster's
 * objects. Starts in seconds; the caller closes it.
 */
public final class OwnCluster {

  private OwnCluster() {}

  public static LocalCluster start(String purpose) {
    Path project = Path.of("").toAbsolutePath();
    LocalCluster cluster =
        LocalCluster.start(
            ControlPlaneBinaries.locate(project), project.resolve("target/" + purpose), 1);
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, purpose + "-cluster-stop"));
    return cluster;
  }
}
