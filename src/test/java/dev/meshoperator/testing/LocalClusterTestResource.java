package dev.meshoperator.testing;

import dev.meshoperator.localcluster.CrdInstaller;
import dev.meshoperator.localcluster.LocalCluster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * Points the in-process operator at the shared local cluster, after installing the committed CRD
 * exactly as a user would (so the tests also prove that file is valid).
 */
public class LocalClusterTestResource implements QuarkusTestResourceLifecycleManager {

  static final Path CRD =
      Path.of("src/main/resources/crds/meshinstallations.mesh.operator.dev-v1.yml");

  @Override
  public Map<String, String> start() {
    LocalCluster cluster = SharedLocalCluster.get();
    try (KubernetesClient client = cluster.newClient()) {
      CrdInstaller.install(client, CRD);
    }
    Config config = cluster.clientConfig();
    return Map.of(
        "quarkus.kubernetes-client.api-server-url", config.getMasterUrl(),
        "quarkus.kubernetes-client.ca-cert-file", config.getCaCertFile(),
        "quarkus.kubernetes-client.client-cert-file", config.getClientCertFile(),
        "quarkus.kubernetes-client.client-key-file", config.getClientKeyFile());
  }

  @Override
  public void stop() {
    // The cluster is shared by every test class of this JVM and stopped when the JVM exits.
  }
}
