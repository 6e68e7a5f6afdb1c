package dev.meshoperator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.ambient.AmbientLabels;
import dev.meshoperator.api.v1alpha1.AmbientSpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.localcluster.ControlPlaneBinaries;
import dev.meshoperator.localcluster.CrdInstaller;
import dev.meshoperator.localcluster.LocalCluster;
import dev.meshoperator.status.Conditions;
import dev.meshoperator.testing.AuditLog;
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
  private static final List<String> JVM_OPTIONS = List.of("-Xmx512m");

  private final int namespaces = Integer.getInteger("mesh.bench.namespaces", 1000);
  private final Path dir = Path.of("target/bench").toAbsolutePath();
  private final StringBuilder report = new StringBuilder();

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

      line("# Ambient enrollment benchmark");
      line("");
      line(
          "- machine: %d cores, %d GiB; local control plane (kwok), 3 fake nodes",
          Runtime.getRuntime().availableProcessors(), totalMemoryGib());
      line("- operator: packaged jar, JVM options %s", JVM_OPTIONS);
      line("- namespaces: %d, enrolled by label selector", namespaces);

      PackagedOperator operator = start(cluster, token, "operator-1.log");
      try {
        MeshInstallation mesh = installAmbientMesh(admin);
        long created = createNamespaces(admin);
        line("- creating the namespaces (the benchmark's own requests): %d ms", created);
        audit.awaitQuiet(3_000, BOUND.toMillis());

        long offset = audit.mark();
        long start = System.nanoTime();
        selectNamespaces(admin, mesh);
        awaitEnrolled(admin, mesh);
        long enrolledMillis = (System.nanoTime() - start) / 1_000_000;
        audit.awaitQuiet(3_000, BOUND.toMillis());
        Map<String, Integer> requests = audit.since(offset);
        line("");
        line("## Enrollment");
        line(
            "- time until all %d namespaces are enrolled and reported: %d ms",
            namespaces, enrolledMillis);
        line(
            "- API requests by the operator: %d (%d writes)",
            AuditLog.total(requests), AuditLog.writes(requests));
        requests.forEach((k, v) -> line("  - %s: %d", k, v));
        memory(operator);

        line("");
        line("## No-op resync");
        offset = audit.mark();
        touchAllNamespaces(admin);
        audit.awaitQuiet(5_000, BOUND.toMillis());
        Map<String, Integer> touched = audit.since(offset);
        line(
            "- every namespace touched (an unrelated annotation): %d requests, %d writes",
            AuditLog.total(touched), AuditLog.writes(touched));
        assertThat(AuditLog.writes(touched)).as("writes after touching: %s", touched).isZero();

        operator.close();
        offset = audit.mark();
        operator = start(cluster, token, "operator-2.log");
        awaitReconciledAfterRestart(admin, mesh);
        audit.awaitQuiet(5_000, BOUND.toMillis());
        Map<String, Integer> restarted = audit.since(offset);
        line(
            "- operator restarted (full resync from empty caches): %d requests, %d writes",
            AuditLog.total(restarted), AuditLog.writes(restarted));
        restarted.forEach((k, v) -> line("  - %s: %d", k, v));
        assertThat(AuditLog.writes(restarted)).as("writes after restart: %s", restarted).isZero();
        memory(operator);
      } finally {
        operator.close();
      }
    } finally {
      Files.writeString(dir.resolve("ambient-enrollment.md"), report);
      System.out.println(report);
      System.out.println("report written to " + dir.resolve("ambient-enrollment.md"));
    }
  }

  private PackagedOperator start(LocalCluster cluster, String token, String log)
      throws IOException {
    return PackagedOperator.start(
        cluster.clientConfig(), OPERATOR_NAMESPACE, token, Map.of(), JVM_OPTIONS, dir.resolve(log));
  }

  private MeshInstallation installAmbientMesh(KubernetesClient admin) {
    MeshInstallation mesh =
        Installations.unapplied(
            "bench",
            spec -> {
              spec.setProfile(Profile.AMBIENT);
              spec.setAmbient(new AmbientSpec());
            });
    MeshInstallation created = admin.resource(mesh).create();
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

  private void memory(PackagedOperator operator) throws Exception {
    run("jcmd", Long.toString(operator.pid()), "GC.run");
    String heap = run("jcmd", Long.toString(operator.pid()), "GC.heap_info");
    String status = Files.readString(Path.of("/proc/" + operator.pid() + "/status"));
    line(
        "- operator memory: %s; RSS %s, peak RSS %s",
        heap.lines()
            .filter(l -> l.contains("used"))
            .findFirst()
            .map(String::strip)
            .orElse("heap unknown"),
        field(status, "VmRSS"),
        field(status, "VmHWM"));
  }

  private static String field(String procStatus, String name) {
    return procStatus
        .lines()
        .filter(l -> l.startsWith(name + ":"))
        .map(l -> l.substring(name.length() + 1).strip())
        .findFirst()
        .orElse("?");
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    process.waitFor();
    return output;
  }

  private static long totalMemoryGib() {
    try {
      return Long.parseLong(
              field(Files.readString(Path.of("/proc/meminfo")), "MemTotal").split(" ")[0])
          / (1024 * 1024);
    } catch (IOException e) {
      return -1;
    }
  }

  private void line(String format, Object... args) {
    report.append(String.format(format, args)).append('\n');
  }
}
