package dev.meshoperator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.ambient.AmbientLabels;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.localcluster.ControlPlaneBinaries;
import dev.meshoperator.localcluster.CrdInstaller;
import dev.meshoperator.localcluster.LocalCluster;
import dev.meshoperator.status.Conditions;
import dev.meshoperator.testing.AuditLog;
import dev.meshoperator.testing.ImageJvm;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.Namespaces;
import dev.meshoperator.testing.PackagedOperator;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test of the suite (run it with {@code hack/bench-ambient}): the packaged
 * operator enrolls N namespaces (1,000 by default) by label selector on a fresh local control
 * plane. Reports the time until all are enrolled, the API requests the operator issued (counted by
 * kube-apiserver's audit log), and its heap and RSS; then checks that a no-op resync (every
 * namespace touched, and an operator restart) issues no writes.
 */
class AmbientEnrollmentBench {

  private static final String OPERATOR_NAMESPACE = "mesh-operator-bench";
  private static final String OPERATOR_USER =
      "system:serviceaccount:" + OPERATOR_NAMESPACE + ":mesh-operator";
  private static final String SELECTED = "bench.mesh.operator.dev/enroll";
  private static final Duration BOUND = Duration.ofMinutes(10);
  // The image's JVM under the chart's memory limit: the figures are those of the pod.
  private static final List<String> JVM_OPTIONS = ImageJvm.options("384");

  private final int namespaces = Integer.getInteger("mesh.bench.namespaces", 1000);
  private final Path dir = Path.of("target/bench").toAbsolutePath();
  private final BenchReport report = new BenchReport();

  @Test
  void enrollNamespaces() throws Exception {
    Files.createDirectories(dir);
    Path policy = dir.resolve("audit-policy.yaml");
    Files.writeString(policy, AuditLog.policy(OPERATOR_USER));
    Path projectDir = Path.of("").toAbsolutePath();
    try (LocalCluster cluster =
            LocalCluster.start(
                ControlPlaneBinaries.locate(projectDir), dir.resolve("cluster"), 3, policy);
        KubernetesClient admin = cluster.newClient()) {
      AuditLog audit = new AuditLog(cluster.auditLog(), OPERATOR_USER);
      CrdInstaller.install(
          admin, Path.of("src/main/resources/crds/meshinstallations.mesh.operator.dev-v1.yml"));
      Namespaces.apply(admin, OPERATOR_NAMESPACE, Map.of());
      String serviceAccount = PackagedOperator.installGeneratedRbac(admin, OPERATOR_NAMESPACE);
      String token = PackagedOperator.token(admin, OPERATOR_NAMESPACE, serviceAccount);

      report.line("# Ambient enrollment benchmark");
      report.line("");
      report.machine();
      report.line("- operator: packaged jar, JVM options %s", JVM_OPTIONS);
      report.line("- namespaces: %d, enrolled by label selector", namespaces);

      PackagedOperator operator = start(cluster, token, "operator-1.log");
      try {
        MeshInstallation mesh = installAmbientMesh(admin);
        long created = createNamespaces(admin);
        report.line("- creating the namespaces (the benchmark's own requests): %d ms", created);
        audit.awaitQuiet(3_000, BOUND.toMillis());

        long offset = audit.mark();
        long start = System.nanoTime();
        selectNamespaces(admin, mesh);
        awaitEnrolled(admin, mesh);
        long enrolledMillis = (System.nanoTime() - start) / 1_000_000;
        audit.awaitQuiet(3_000, BOUND.toMillis());
        Map<String, Integer> requests = audit.since(offset);
        report.line("");
        report.line("## Enrollment");
        report.line(
            "- time until all %d namespaces are enrolled and reported: %d ms",
            namespaces, enrolledMillis);
        report.requests("by the operator", requests);
        report.memory(operator);
        // A minute on, idle pools have let their threads go: the steady footprint.
        Thread.sleep(60_000);
        report.line("- after a minute idle:");
        report.memory(operator);

        report.line("");
        report.line("## No-op resync");
        offset = audit.mark();
        touchAllNamespaces(admin);
        audit.awaitQuiet(5_000, BOUND.toMillis());
        Map<String, Integer> touched = audit.since(offset);
        report.line(
            "- every namespace touched (an unrelated annotation): %d requests, %d writes",
            AuditLog.total(touched), AuditLog.writes(touched));
        assertThat(AuditLog.writes(touched)).as("writes after touching: %s", touched).isZero();

        operator.close();
        offset = audit.mark();
        operator = start(cluster, token, "operator-2.log");
        awaitReconciledAfterRestart(admin, mesh);
        audit.awaitQuiet(5_000, BOUND.toMillis());
        Map<String, Integer> restarted = audit.since(offset);
        report.requests("operator restarted (full resync from empty caches)", restarted);
        assertThat(AuditLog.writes(restarted)).as("writes after restart: %s", restarted).isZero();
        report.memory(operator);
      } finally {
        operator.close();
      }
    } finally {
      report.writeTo(dir.resolve("ambient-enrollment.md"));
    }
  }

  private PackagedOperator start(LocalCluster cluster, String token, String log)
      throws IOException {
    return PackagedOperator.start(
        cluster.clientConfig(),
        OPERATOR_NAMESPACE,
        token,
        ImageJvm.environment(),
        JVM_OPTIONS,
        dir.resolve(log));
  }

  private MeshInstallation installAmbientMesh(KubernetesClient admin) {
    MeshInstallation created = admin.resource(Installations.ambient("bench")).create();
    await()
        .atMost(BOUND)
        .until(
            () -> {
              MeshInstallation current = admin.resource(created).get();
              return current.getStatus() != null
                  && Conditions.find(current.getStatus().getConditions(), Conditions.READY)
                      .map(c -> "True".equals(c.getStatus()))
                      .orElse(false);
            });
    return created;
  }

  /** Creates the namespaces from a few threads, as a busy cluster would see them appear. */
  private long createNamespaces(KubernetesClient admin) throws Exception {
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done =
          IntStream.range(0, namespaces)
              .mapToObj(
                  i ->
                      pool.submit(
                          () ->
                              admin
                                  .resource(
                                      new NamespaceBuilder()
                                          .withNewMetadata()
                                          .withName(String.format("bench-%04d", i))
                                          .addToLabels(SELECTED, "true")
                                          .endMetadata()
                                          .build())
                                  .create()))
              .<Future<?>>map(f -> f)
              .toList();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private void selectNamespaces(KubernetesClient admin, MeshInstallation mesh) {
    admin
        .resources(MeshInstallation.class)
        .withName(mesh.getMetadata().getName())
        .edit(
            m -> {
              m.getSpec()
                  .getAmbient()
                  .setNamespaceSelector(
                      new LabelSelectorBuilder().addToMatchLabels(SELECTED, "true").build());
              return m;
            });
  }

  private void awaitEnrolled(KubernetesClient admin, MeshInstallation mesh) {
    await()
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              MeshInstallation current = admin.resource(mesh).get();
              return current.getStatus() != null
                  && current.getStatus().getAmbient() != null
                  && current.getStatus().getAmbient().getEnrolledNamespaces() == namespaces
                  && current
                      .getMetadata()
                      .getGeneration()
                      .equals(current.getStatus().getObservedGeneration());
            });
    int labelled =
        admin
            .namespaces()
            .withLabel(SELECTED, "true")
            .withLabel(AmbientLabels.DATAPLANE_MODE, AmbientLabels.AMBIENT)
            .list()
            .getItems()
            .size();
    assertThat(labelled).as("namespaces labelled in the API server").isEqualTo(namespaces);
  }

  private void touchAllNamespaces(KubernetesClient admin) {
    for (int i = 0; i < namespaces; i++) {
      admin
          .namespaces()
          .withName(String.format("bench-%04d", i))
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"metadata\":{\"annotations\":{\"bench.mesh.operator.dev/touched\":\"1\"}}}");
    }
  }

  /** After a restart the operator lists everything and reconciles; wait until it has. */
  private void awaitReconciledAfterRestart(KubernetesClient admin, MeshInstallation mesh)
      throws Exception {
    Thread.sleep(2_000);
    await()
        .atMost(BOUND)
        .until(
            () ->
                Files.readString(dir.resolve("operator-2.log")).contains("Controller")
                    && admin.resource(mesh).get().getStatus().getAmbient().getEnrolledNamespaces()
                        == namespaces);
  }
}
