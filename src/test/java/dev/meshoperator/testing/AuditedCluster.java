package dev.meshoperator.testing;

import dev.meshoperator.localcluster.ControlPlaneBinaries;
import dev.meshoperator.localcluster.CrdInstaller;
import dev.meshoperator.localcluster.LocalCluster;
import dev.meshoperator.reconcile.LeaderElectionProducer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A local control plane of its own whose kube-apiserver audits every request of the operator's
 * ServiceAccount, with the operator's CRD and generated RBAC installed: for tests and benchmarks
 * that count what the packaged operator asks of the API server. The caller closes it.
 */
public final class AuditedCluster implements AutoCloseable {

  public static final String OPERATOR_NAMESPACE = "mesh-operator";
  public static final String OPERATOR_USER =
      "system:serviceaccount:" + OPERATOR_NAMESPACE + ":mesh-operator";

  private final LocalCluster cluster;
  private final KubernetesClient admin;
  private final AuditLog audit;
  private final String token;
  private final Path dir;

  private AuditedCluster(LocalCluster cluster, Path dir, OperatorBuild build) throws IOException {
    this.cluster = cluster;
    this.dir = dir;
    this.admin = cluster.newClient();
    this.audit = new AuditLog(cluster.auditLog(), OPERATOR_USER);
    Namespaces.apply(admin, OPERATOR_NAMESPACE, Map.of());
    this.token = PackagedOperator.token(admin, OPERATOR_NAMESPACE, install(build));
  }

  /**
   * Applies {@code build}'s CRD and RBAC over what is there, as a user upgrading the operator does;
   * returns the name of its ServiceAccount.
   */
  public String install(OperatorBuild build) throws IOException {
    CrdInstaller.install(admin, build.crd());
    return PackagedOperator.installGeneratedRbac(admin, OPERATOR_NAMESPACE, build);
  }

  /** A cluster with {@code nodes} fake nodes; its files go under {@code target/<purpose>}. */
  public static AuditedCluster start(String purpose, int nodes) throws IOException {
    return start(purpose, nodes, Map.of());
  }

  /** The same, kube-apiserver started with {@code apiserverArgs} besides the usual ones. */
  public static AuditedCluster start(String purpose, int nodes, Map<String, String> apiserverArgs)
      throws IOException {
    return start(purpose, nodes, apiserverArgs, OperatorBuild.current());
  }

  /** The same, with {@code build}'s CRD and RBAC installed. */
  public static AuditedCluster start(
      String purpose, int nodes, Map<String, String> apiserverArgs, OperatorBuild build)
      throws IOException {
    Path project = Path.of("").toAbsolutePath();
    Path dir = project.resolve("target").resolve(purpose);
    Files.createDirectories(dir);
    Path policy = dir.resolve("audit-policy.yaml");
    Files.writeString(policy, AuditLog.policy(OPERATOR_USER));
    LocalCluster cluster =
        LocalCluster.start(
            ControlPlaneBinaries.locate(project),
            dir.resolve("cluster"),
            nodes,
            policy,
            apiserverArgs);
    try {
      return new AuditedCluster(cluster, dir, build);
    } catch (RuntimeException | IOException e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * Starts the packaged operator with the image's JVM settings (under the chart's memory limit) and
   * {@code env}, logging to {@code <purpose>/<log>}.
   */
  public PackagedOperator startOperator(Map<String, String> env, String log) throws IOException {
    return startOperator(env, ImageJvm.options("384"), log);
  }

  public PackagedOperator startOperator(
      Map<String, String> env, List<String> jvmOptions, String log) throws IOException {
    return startOperator(OperatorBuild.current(), env, jvmOptions, log);
  }

  /** The same as {@link #startOperator(Map, String)}, running {@code build}. */
  public PackagedOperator startOperator(OperatorBuild build, Map<String, String> env, String log)
      throws IOException {
    return startOperator(build, env, ImageJvm.options("384"), log);
  }

  /** The same, running {@code build}. */
  public PackagedOperator startOperator(
      OperatorBuild build, Map<String, String> env, List<String> jvmOptions, String log)
      throws IOException {
    Map<String, String> all = new java.util.HashMap<>(ImageJvm.environment());
    all.putAll(env);
    return PackagedOperator.start(
        build,
        cluster.clientConfig(),
        OPERATOR_NAMESPACE,
        token,
        all,
        jvmOptions,
        dir.resolve(log));
  }

  /**
   * Deletes the operator's leader-election Lease, which outlives a stopped operator until it
   * expires, so that the next one leads at once.
   */
  public void handOverLeadership() {
    admin.leases().inNamespace(OPERATOR_NAMESPACE).withName(LeaderElectionProducer.LEASE).delete();
  }

  public LocalCluster cluster() {
    return cluster;
  }

  public KubernetesClient admin() {
    return admin;
  }

  public AuditLog audit() {
    return audit;
  }

  @Override
  public void close() {
    try {
      admin.close();
    } finally {
      cluster.close();
    }
  }
}
