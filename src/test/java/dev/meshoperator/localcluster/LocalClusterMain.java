package dev.meshoperator.localcluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the tests' local control plane for {@code hack/run-local}: three fake nodes and the
 * MeshInstallation CRD, then a kubeconfig at {@code target/local-cluster/kubeconfig} (written last:
 * its presence says the cluster is ready). Runs until stopped, then deletes the cluster. Test code,
 * so the operator jar and image carry none of it.
 */
public final class LocalClusterMain {

  private LocalClusterMain() {}

  public static void main(String... args) throws IOException, InterruptedException {
    Path project = Path.of("").toAbsolutePath();
    Path workDir = project.resolve("target/local-cluster");
    LocalCluster cluster = LocalCluster.start(ControlPlaneBinaries.locate(project), workDir, 3);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  cluster.close();
                  stopped.countDown();
                },
                "local-cluster-stop"));
    try (KubernetesClient client = cluster.newClient()) {
      CrdInstaller.installMeshInstallationCrd(client);
    }
    Files.copy(
        cluster.kubeconfig(), workDir.resolve("kubeconfig"), StandardCopyOption.REPLACE_EXISTING);
    System.err.println("local-cluster: ready; kubeconfig " + workDir.resolve("kubeconfig"));
    stopped.await();
  }
}
