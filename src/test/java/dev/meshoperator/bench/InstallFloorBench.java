package dev.meshoperator.bench;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.catalog.RelatedImages;
import dev.meshoperator.installation.InstallationPlanner;
import dev.meshoperator.observe.EmptyCluster;
import dev.meshoperator.observe.WorkloadReadiness;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.testing.AuditedCluster;
import dev.meshoperator.testing.Installations;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test of the suite (run by {@code hack/bench-install}): the floor under the
 * ambient install's apply-to-Ready on this machine. The objects the operator renders for it are
 * written by a warmed-up client with no operator at all, the namespace first and then every other
 * object at once (no stages, no comparisons, no status), and the clock stops when istiod and the
 * node agents are ready. No installer can be faster on the same control plane and cores; the
 * operator's figure is read against this one.
 */
class InstallFloorBench {

  private static final Duration BOUND = Duration.ofMinutes(3);
  private static final int WRITERS = 16;

  private final int rounds = Integer.getInteger("mesh.bench.rounds", 3);
  private final Path dir = Path.of("target/bench").toAbsolutePath();
  private final BenchReport report = new BenchReport();

  @Test
  void writeEverythingAtOnce() throws Exception {
    Files.createDirectories(dir);
    MeshInstallation mesh = Installations.ambient("floor");
    List<HasMetadata> objects =
        new InstallationPlanner(new PlanResolver(IstioCatalog.load(), RelatedImages.none()))
            .plan(mesh, new EmptyCluster(mesh), Instant.now())
            .render()
            .objects();
    report.line("# Ambient install: the floor");
    report.line("");
    report.machine();
    report.line(
        "- the %d objects of the ambient install, the namespace first, then all at once from"
            + " %d threads of a warmed-up client; no operator; %d rounds",
        objects.size(), WRITERS, rounds);
    List<Long> written = new ArrayList<>();
    List<Long> ready = new ArrayList<>();
    try {
      for (int round = 1; round <= rounds; round++) {
        long[] times = round(objects);
        written.add(times[0]);
        ready.add(times[1]);
      }
      report.line("- all objects written: median %d ms (rounds %s)", median(written), written);
      report.line(
          "- istiod and the node agents ready: median %d ms (rounds %s)", median(ready), ready);
    } finally {
      report.writeTo(dir.resolve("ambient-install-floor.md"));
    }
  }

  /** Milliseconds from the first write to the last write's answer, and to every workload ready. */
  private static long[] round(List<HasMetadata> objects) throws Exception {
    try (AuditedCluster cluster = AuditedCluster.start("bench/floor", 3)) {
      KubernetesClient client = cluster.admin();
      warmUp(client, objects);
      ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
      try {
        long start = System.nanoTime();
        objects.stream()
            .filter(o -> o.getKind().equals("Namespace"))
            .forEach(o -> apply(client, o));
        CompletableFuture.allOf(
                objects.stream()
                    .filter(o -> !o.getKind().equals("Namespace"))
                    .map(o -> CompletableFuture.runAsync(() -> apply(client, o), writers))
                    .toArray(CompletableFuture[]::new))
            .join();
        long written = (System.nanoTime() - start) / 1_000_000;
        for (HasMetadata object : objects) {
          awaitReady(client, object);
        }
        return new long[] {written, (System.nanoTime() - start) / 1_000_000};
      } finally {
        writers.shutdownNow();
      }
    }
  }

  /**
   * The client's first requests of each kind pay for its own start; the operator's are warm too.
   */
  private static void warmUp(KubernetesClient client, List<HasMetadata> objects) {
    objects.stream()
        .map(HasMetadata::getClass)
        .distinct()
        .forEach(kind -> client.resources(kind).inAnyNamespace().list());
  }

  private static void apply(KubernetesClient client, HasMetadata object) {
    client.resource(object).fieldManager("floor").forceConflicts().serverSideApply();
  }

  /**
   * Watched until ready by the operator's own readiness rules (as kubectl wait watches), so polling
   * takes no CPU from the cluster.
   */
  private static void awaitReady(KubernetesClient client, HasMetadata object) {
    String name = object.getMetadata().getName();
    if (object instanceof Deployment deployment) {
      client
          .resource(deployment)
          .waitUntilCondition(
              d -> d != null && WorkloadReadiness.of(name, d).isReady(),
              BOUND.toMillis(),
              MILLISECONDS);
    } else if (object instanceof DaemonSet daemonSet) {
      client
          .resource(daemonSet)
          .waitUntilCondition(
              d -> d != null && WorkloadReadiness.of(name, d).isReady(),
              BOUND.toMillis(),
              MILLISECONDS);
    }
  }

  private static long median(List<Long> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
  }
}
