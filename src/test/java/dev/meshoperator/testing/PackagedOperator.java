package dev.meshoperator.testing;

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

  private PackagedOperator(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Installs the generated ServiceAccount, roles and bindings into {@code namespace}; returns the
   * ServiceAccount's name.
   */
  public static String installGeneratedRbac(KubernetesClient admin, String namespace)
      throws IOException {
    List<HasMetadata> generated =
        Serialization.unmarshal(Files.readString(Path.of("target/kubernetes/kubernetes.yml")));
    String serviceAccount = null;
    for (HasMetadata object : generated) {
      switch (object.getKind()) {
        case "ServiceAccount" -> serviceAccount = object.getMetadata().getName();
        case "ClusterRole", "Role" -> {}
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
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
    ProcessBuilder start =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    start.environment().put("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", cluster.getMasterUrl());
    start.environment().put("QUARKUS_KUBERNETES_CLIENT_CA_CERT_FILE", cluster.getCaCertFile());
    start.environment().put("QUARKUS_KUBERNETES_CLIENT_TOKEN", token);
    start.environment().put("QUARKUS_HTTP_PORT", "0");
    start.environment().put("KUBECONFIG", "/dev/null");
    start.environment().put("KUBERNETES_NAMESPACE", namespace);
    start.environment().put("POD_NAME", log.getFileName().toString());
    start.environment().putAll(env);
    return new PackagedOperator(start.start(), log);
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
