package dev.meshoperator.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.localcluster.LocalCluster;
import dev.meshoperator.reconcile.LeaderElectionProducer;
import dev.meshoperator.status.Conditions;
import dev.meshoperator.testing.DeployedOperator;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.MetricsScraper;
import dev.meshoperator.testing.OwnCluster;
import dev.meshoperator.testing.PackagedOperator;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The released install manifest, applied as a user would ({@code kubectl apply --server-side -f
 * deploy/mesh-operator.yaml}) to a cluster of its own: the API server takes every object as it is,
 * Pod Security "restricted" admits the operator's pod, and the operator it describes works, alone
 * and as two replicas of which only the Lease holder acts.
 */
@Tag(Tiers.PACKAGED)
class InstallManifestIT {

  static final Path MANIFEST = Path.of("deploy/mesh-operator.yaml");
  static final String NAMESPACE = InstallManifest.NAMESPACE;
  private static final Duration BOUND = Duration.ofSeconds(120);

  private static LocalCluster cluster;
  private static KubernetesClient admin;

  @BeforeAll
  static void applyManifest() throws Exception {
    cluster = OwnCluster.start("install-manifest-it");
    admin = cluster.newClient();
    try (InputStream in = Files.newInputStream(MANIFEST)) {
      for (HasMetadata object : admin.load(in).items()) {
        admin.resource(object).fieldManager("kubectl").serverSideApply();
      }
    }
  }

  @AfterAll
  static void stopCluster() {
    admin.close();
    cluster.close();
  }

  @AfterEach
  void releaseLease() {
    // A killed leader leaves its Lease behind until it expires; the next test starts afresh.
    admin.leases().inNamespace(NAMESPACE).withName(LeaderElectionProducer.LEASE).delete();
  }

  @Test
  void everyObjectIsAcceptedAndTheRestrictedNamespaceAdmitsThePod() {
    await()
        .atMost(BOUND)
        .untilAsserted(
            () -> {
              List<Pod> pods = admin.pods().inNamespace(NAMESPACE).list().getItems();
              assertThat(pods).hasSize(1);
              assertThat(pods.get(0).getStatus().getPhase()).isEqualTo("Running");
            });
    assertThat(
            admin
                .namespaces()
                .withName(NAMESPACE)
                .get()
                .getMetadata()
                .getLabels()
                .get("pod-security.kubernetes.io/enforce"))
        .isEqualTo("restricted");
    assertThat(
            admin
                .rbac()
                .clusterRoleBindings()
                .withName("meshinstallation-cluster-role-binding")
                .get()
                .getSubjects())
        .allMatch(subject -> NAMESPACE.equals(subject.getNamespace()));
  }

  @Test
  void twoReplicasOnlyTheLeaderActsAndTheOtherFinishesWhenItDies() throws Exception {
    Deployment deployment = deployment();
    Path firstLog = Path.of("target/install-manifest-it-replica-a.log");
    Path secondLog = Path.of("target/install-manifest-it-replica-b.log");
    PackagedOperator first =
        DeployedOperator.start(admin, cluster.clientConfig(), deployment, "replica-a", firstLog);
    await().atMost(BOUND).until(() -> "replica-a".equals(leaseHolder()));
    PackagedOperator second =
        DeployedOperator.start(admin, cluster.clientConfig(), deployment, "replica-b", secondLog);
    try {
      await().atMost(BOUND).until(() -> Files.readString(secondLog).contains("started in"));
      MeshInstallation mesh = Installations.of("takeover", spec -> {});
      admin.resource(mesh).create();
      // Killed in the middle of its work: it has written istiod, not yet reported Ready.
      await()
          .atMost(BOUND)
          .pollInterval(Duration.ofMillis(50))
          .until(
              () ->
                  admin.apps().deployments().inNamespace("takeover").withName("istiod").get()
                      != null);
      assertThat(Files.readString(secondLog))
          .as("the follower processes no events while the leader holds the Lease")
          .doesNotContain("Started event processing");
      first.kill();
      assertThat(
              MeshAssert.condition(MeshAssert.of(admin, mesh).current(), Conditions.READY)
                  .map(ready -> ready.getStatus()))
          .as("the leader was killed before it could finish")
          .isNotEqualTo(java.util.Optional.of("True"));

      MeshAssert.of(admin, mesh)
          .within(BOUND)
          .awaitStatus(
              current ->
                  assertThat(MeshAssert.requireCondition(current, Conditions.READY).getStatus())
                      .isEqualTo("True"));
      assertThat(leaseHolder()).isEqualTo("replica-b");
      assertThat(Files.readString(secondLog)).contains("Started event processing");
      removeWhileOperatorRuns(mesh);
    } finally {
      first.close();
      second.close();
    }
  }

  @Test
  void theImageRunsAsTheDeploymentSays() throws Exception {
    ContainerImage image = ContainerImage.buildOrSkip();
    assertThat(image.user()).isEqualTo("185");
    assertThat(image.label("org.opencontainers.image.version"))
        .isEqualTo(System.getProperty("mesh.project-version"));
    try (ContainerImage.Running operator =
        image.runAsPod(admin, cluster.clientConfig(), deployment(), "image-pod")) {
      MeshInstallation mesh = Installations.of("from-image", spec -> {});
      admin.resource(mesh).create();
      MeshAssert.of(admin, mesh)
          .within(BOUND)
          .awaitStatus(
              current -> {
                assertThat(operator.isRunning()).as("container; see %s", operator.log()).isTrue();
                assertThat(MeshAssert.requireCondition(current, Conditions.READY).getStatus())
                    .isEqualTo("True");
              });
      assertThat(leaseHolder()).isEqualTo("image-pod");
      assertThat(operator.get("/q/health/ready")).contains("\"status\": \"UP\"");
      // The manifest's metrics: HTTPS, for a token bound to the generated reader role.
      MetricsScraper.Scrape scrape =
          operator.scrape(MetricsScraper.token(admin, NAMESPACE, "prometheus", true));
      assertThat(scrape.status()).as(scrape.body()).isEqualTo(200);
      assertThat(MetricsScraper.subjectAltNames(scrape.certificate()))
          .contains("mesh-operator." + NAMESPACE + ".svc");
      String metrics = scrape.body();
      Files.writeString(Path.of("target/image-it/metrics.txt"), metrics);
      assertThat(metrics)
          .contains("mesh_installation_ready{installation=\"from-image\"} 1.0")
          .contains("mesh_installation_revisions{installation=\"from-image\"} 1.0")
          .containsPattern(
              "reconciliations_success_total\\{controller_name=\"meshinstallation\"} [1-9]")
          .contains("reconciliations_execution_duration_seconds_bucket");
      // The figure behind the Deployment's memory request and limit (docs/deployment.md).
      long resident = operator.residentBytes();
      long limit =
          DeployedOperator.container(deployment())
              .getResources()
              .getLimits()
              .get("memory")
              .getNumericalAmount()
              .longValue();
      System.err.printf(
          "image-it: the operator's container holds %d MiB resident with one Ready installation"
              + " (memory limit %d MiB)%n",
          resident >> 20, limit >> 20);
      assertThat(resident).as("resident memory against the limit").isLessThan(limit);
      // The figure behind the CPU request: what an idle, watching operator uses.
      long busy = operator.cpuMillis();
      Thread.sleep(10_000);
      long idleMillicores = (operator.cpuMillis() - busy) / 10;
      System.err.printf(
          "image-it: start-up and first install took %d ms of CPU; then idle at %d millicores%n",
          busy, idleMillicores);
      removeWhileOperatorRuns(mesh);
    }
  }

  /** One installation per cluster may own the default revision: each test leaves none behind. */
  private static void removeWhileOperatorRuns(MeshInstallation mesh) {
    admin.resource(mesh).delete();
    await().atMost(BOUND).until(() -> admin.resource(mesh).get() == null);
  }

  static Deployment deployment() {
    return admin.apps().deployments().inNamespace(NAMESPACE).withName("mesh-operator").get();
  }

  private static String leaseHolder() {
    Lease lease =
        admin.leases().inNamespace(NAMESPACE).withName(LeaderElectionProducer.LEASE).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }
}
