package dev.meshoperator.testing.istio;

import dev.meshoperator.localcluster.ControlPlaneBinaries;
import dev.meshoperator.localcluster.CrdInstaller;
import dev.meshoperator.localcluster.LocalCluster;
import dev.meshoperator.testing.AuditLog;
import dev.meshoperator.testing.Namespaces;
import dev.meshoperator.testing.PackagedOperator;
import dev.meshoperator.testing.TestFork;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Istio tier's cluster, one per test JVM: a local control plane of its own whose API server
 * reaches Services through a {@link ServiceNetwork}, the Gateway API CRDs of the release Istio is
 * built against, and the packaged operator running as its own ServiceAccount with its generated
 * RBAC. Tests start Istio's own binaries (istiod, istioctl) against it; kept apart from the shared
 * cluster so that a running istiod never touches the other tiers' installations.
 */
public final class IstioCluster implements AutoCloseable {

  public static final String OPERATOR_NAMESPACE = "mesh-operator";

  /** The packaged operator's identity, whose requests the API server's audit log records. */
  public static final String OPERATOR_USER = "system:serviceaccount:mesh-operator:mesh-operator";

  private final LocalCluster cluster;
  private final ServiceNetwork network;
  private final Path istioBin;
  private final Path workDir;
  private PackagedOperator operator;

  private IstioCluster(LocalCluster cluster, ServiceNetwork network, Path istioBin, Path workDir) {
    this.cluster = cluster;
    this.network = network;
    this.istioBin = istioBin;
    this.workDir = workDir;
  }

  public static IstioCluster get() {
    return Holder.CLUSTER;
  }

  private static final class Holder {
    private static final IstioCluster CLUSTER = started(TestFork.name("istio-cluster"));

    private static IstioCluster started(String name) {
      IstioCluster istio = start(name);
      Runtime.getRuntime().addShutdownHook(new Thread(istio::close, name + "-stop"));
      return istio;
    }
  }

  /**
   * A cluster of the Istio tier for one test class alone, for what must not meet the other classes'
   * installations (another tool's Istio in istio-system, say); closed by the class.
   */
  public static IstioCluster dedicated(String name) {
    return start(name);
  }

  private static IstioCluster start(String name) {
    Path project = Path.of("").toAbsolutePath();
    Path workDir = project.resolve("target/" + name);
    try {
      Path istioBin =
          ControlPlaneBinaries.locate(project, "istio", List.of("pilot-discovery", "istioctl"));
      Files.createDirectories(workDir);
      // A Unix socket path must stay under ~100 bytes, which a deep checkout could exceed.
      Path socketDir = Files.createTempDirectory("mesh-net");
      ServiceNetwork network =
          ServiceNetwork.listen(
              socketDir.resolve("cluster.sock"), workDir.resolve("service-network.log"));
      Path egress = workDir.resolve("egress-selector.yaml");
      Files.writeString(egress, network.egressSelectorConfiguration());
      Path auditPolicy = workDir.resolve("audit-policy.yaml");
      Files.writeString(auditPolicy, AuditLog.policy(OPERATOR_USER));
      LocalCluster cluster =
          LocalCluster.start(
              ControlPlaneBinaries.locate(project),
              workDir,
              2,
              auditPolicy,
              Map.of("egress-selector-config-file", egress.toString()));
      KubernetesClient admin = cluster.newClient();
      network.resolveWith(admin);
      installGatewayApi(admin, istioBin.resolve("gateway-api-crds"));
      CrdInstaller.install(
          admin, Path.of("src/main/resources/crds/meshinstallations.mesh.operator.dev-v1.yml"));
      IstioCluster istio = new IstioCluster(cluster, network, istioBin, workDir);
      istio.operator = istio.startOperator(admin);
      return istio;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the operator, then the control plane and the network to it. */
  @Override
  public void close() {
    try {
      if (operator != null) {
        operator.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      cluster.close();
      try {
        network.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void installGatewayApi(KubernetesClient admin, Path crds) throws IOException {
    try (Stream<Path> files = Files.list(crds)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          for (HasMetadata object : admin.load(in).items()) {
            if ("CustomResourceDefinition".equals(object.getKind())) {
              CrdInstaller.install(admin, (CustomResourceDefinition) object);
            }
          }
        }
      }
    }
  }

  /**
   * The operator runs as OLM starts it in a disconnected cluster: RELATED_IMAGE_* variables name a
   * mirror's digests, here for one release's images ({@link #MIRRORED_RELEASE}, which only
   * RelatedImagesIT installs).
   */
  public static final String MIRRORED_RELEASE = "1.30.8";

  public static final String MIRRORED_PILOT =
      "mirror.example.com/istio/pilot@sha256:" + "1".repeat(64);
  public static final String MIRRORED_PROXY =
      "mirror.example.com/istio/proxyv2@sha256:" + "2".repeat(64);

  private PackagedOperator startOperator(KubernetesClient admin) throws IOException {
    Namespaces.apply(admin, OPERATOR_NAMESPACE, Map.of());
    String serviceAccount = PackagedOperator.installGeneratedRbac(admin, OPERATOR_NAMESPACE);
    PackagedOperator operator =
        PackagedOperator.start(
            cluster.clientConfig(),
            OPERATOR_NAMESPACE,
            PackagedOperator.token(admin, OPERATOR_NAMESPACE, serviceAccount),
            Map.of(
                "RELATED_IMAGE_PILOT_1_30_8", MIRRORED_PILOT,
                "RELATED_IMAGE_PROXYV2_1_30_8", MIRRORED_PROXY),
            List.of(),
            workDir.resolve("operator.log"));
    return operator;
  }

  public KubernetesClient newClient() {
    return cluster.newClient();
  }

  public LocalCluster cluster() {
    return cluster;
  }

  /** The operator's requests, as the API server recorded them. */
  public AuditLog operatorRequests() {
    return new AuditLog(cluster.auditLog(), OPERATOR_USER);
  }

  public ServiceNetwork network() {
    return network;
  }

  public Path pilotDiscovery() {
    return istioBin.resolve("pilot-discovery");
  }

  public Path istioctl() {
    return istioBin.resolve("istioctl");
  }

  /** Where a test keeps the logs of the processes it starts. */
  public Path workDir(String name) {
    return workDir.resolve(name);
  }
}
