package dev.meshoperator;

import dev.meshoperator.localcluster.ControlPlaneBinaries;
import dev.meshoperator.localcluster.CrdInstaller;
import dev.meshoperator.localcluster.LocalCluster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The operator's entry point. With {@code MESH_OPERATOR_LOCAL_CLUSTER=true} it first starts a
 * throwaway local control plane (the one the tests use), installs the MeshInstallation CRD there
 * and points itself at it; otherwise it uses the usual in-cluster or kubeconfig configuration.
 */
@QuarkusMain
public final class MeshOperatorMain {

  static final String LOCAL_CLUSTER_ENV = "MESH_OPERATOR_LOCAL_CLUSTER";

  private MeshOperatorMain() {}

  public static void main(String... args) {
    if (Boolean.parseBoolean(System.getenv(LOCAL_CLUSTER_ENV))) {
      useLocalCluster(Path.of("").toAbsolutePath());
    }
    Quarkus.run(args);
  }

  private static void useLocalCluster(Path projectDir) {
    Path workDir = projectDir.resolve("target/local-cluster");
    LocalCluster cluster = LocalCluster.start(ControlPlaneBinaries.locate(projectDir), workDir, 3);
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "local-cluster-stop"));
    try (KubernetesClient client = cluster.newClient()) {
      CrdInstaller.installMeshInstallationCrd(client);
    }
    Config config = cluster.clientConfig();
    System.setProperty("quarkus.kubernetes-client.api-server-url", config.getMasterUrl());
    System.setProperty("quarkus.kubernetes-client.ca-cert-file", config.getCaCertFile());
    System.setProperty("quarkus.kubernetes-client.client-cert-file", config.getClientCertFile());
    System.setProperty("quarkus.kubernetes-client.client-key-file", config.getClientKeyFile());
    try {
      // A stable path for kubectl, written last: its presence says the cluster is ready.
      Files.copy(
          cluster.kubeconfig(), workDir.resolve("kubeconfig"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
