package dev.meshoperator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.testing.AuditLog;
import dev.meshoperator.testing.AuditedCluster;
import dev.meshoperator.testing.ImageJvm;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.PackagedOperator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test of the suite (run it with {@code hack/bench-install}): the packaged
 * operator installs ambient Istio (istiod, istio-cni, ztunnel, CRDs) on a fresh local control plane
 * with 3 fake nodes, a few rounds for each set-up, the set-ups taking turns: writes one at a time
 * under the JVM's defaults with Istio's CRDs written by the install (as the operator was); each
 * apply stage's writes together under the image's JVM, the CRDs still written by the install; and
 * the same with the CRDs created as the operator starts (as it ships). Reports the time from
 * creating the installation to its Ready condition (kubectl create and kubectl wait, once the JVMs
 * and the API server have settled), the API requests the operator issued (kube-apiserver's audit
 * log), its memory once idle, and checks that a no-op touch of the installation writes nothing.
 */
class AmbientInstallBench {

  private static final Duration BOUND = Duration.ofMinutes(3);

  private record SetUp(
      String name, int parallelism, List<String> jvmOptions, Map<String, String> environment) {}

  private record Round(
      long applyToReadyMillis,
      long writeSpanMillis,
      Map<String, Integer> requests,
      long rssKib,
      Map<String, Long> cpuMillis,
      Map<String, Long> operatorThreadCpuMillis) {}

  private final int rounds = Integer.getInteger("mesh.bench.rounds", 3);
  private static final List<String> SET_UPS =
      List.of(System.getProperty("mesh.bench.setups", "before,staged,after").split(","));
  private static final String CRDS_ON_START = "MESH_ISTIO_CRDS_ON_START";
  private static final boolean NATIVE_MEMORY = Boolean.getBoolean("mesh.bench.nmt");
  private static final boolean FLIGHT_RECORDING = Boolean.getBoolean("mesh.bench.jfr");
  private final Path dir = Path.of("target/bench").toAbsolutePath();
  private final BenchReport report = new BenchReport();

  @Test
  void installAmbientIstio() throws Exception {
    Files.createDirectories(dir);
    List<String> imageJvm = new java.util.ArrayList<>(ImageJvm.options("384"));
    if (NATIVE_MEMORY) {
      imageJvm.add("-XX:NativeMemoryTracking=summary");
    }
    if (FLIGHT_RECORDING) {
      // Each round's operator writes the same file: the last round's recording is what remains.
      imageJvm.add(
          "-XX:StartFlightRecording=settings=profile,filename="
              + dir.resolve("install/operator.jfr"));
    }
    List<SetUp> setUps =
        java.util.stream.Stream.of(
                new SetUp(
                    "before: one write at a time, JVM defaults, Istio's CRDs written by the install",
                    1,
                    List.of(),
                    Map.of(CRDS_ON_START, "false")),
                new SetUp(
                    "staged: stage writes together, image JVM, Istio's CRDs written by the install",
                    8,
                    imageJvm,
                    Map.of(CRDS_ON_START, "false")),
                new SetUp(
                    "after: stage writes together, image JVM, Istio's CRDs created as the operator"
                        + " starts",
                    8,
                    imageJvm,
                    Map.of()),
                new SetUp(
                    "warm: the same, render warm-up of 40 rounds",
                    8,
                    imageJvm,
                    Map.of("MESH_WARMUP_ROUNDS", "40")))
            .filter(s -> SET_UPS.contains(s.name().substring(0, s.name().indexOf(':'))))
            .toList();
    report.line("# Ambient install benchmark");
    report.line("");
    report.machine();
    report.line(
        "- Istio: the catalog's default release, profile ambient; %d rounds each, the set-ups"
            + " taking turns round by round",
        rounds);
    report.line("- image JVM: %s, environment %s", ImageJvm.options("384"), ImageJvm.environment());
    Map<SetUp, BenchReport> sections = new java.util.LinkedHashMap<>();
    Map<SetUp, List<Round>> done = new java.util.LinkedHashMap<>();
    for (SetUp setUp : setUps) {
      BenchReport section = new BenchReport();
      section.line("");
      section.line("## %s (mesh.apply.parallelism=%d)", setUp.name(), setUp.parallelism());
      sections.put(setUp, section);
      done.put(setUp, new ArrayList<>());
    }
    try {
      // Taking turns, so that a slow spell of this shared machine falls on every set-up alike.
      for (int round = 1; round <= rounds; round++) {
        for (SetUp setUp : setUps) {
          done.get(setUp).add(round(setUp, sections.get(setUp), round, round == rounds));
        }
      }
      setUps.forEach(setUp -> summarize(sections.get(setUp), done.get(setUp)));
    } finally {
      sections.values().forEach(report::append);
      report.writeTo(dir.resolve("ambient-install.md"));
    }
  }

  private static void summarize(BenchReport section, List<Round> done) {
    List<Long> times = done.stream().map(Round::applyToReadyMillis).sorted().toList();
    section.line(
        "- apply-to-Ready: median %d ms (rounds %s)",
        times.get(times.size() / 2), done.stream().map(Round::applyToReadyMillis).toList());
    List<Long> spans = done.stream().map(Round::writeSpanMillis).sorted().toList();
    section.line(
        "- first to last object write: median %d ms (rounds %s)",
        spans.get(spans.size() / 2), done.stream().map(Round::writeSpanMillis).toList());
    section.line(
        "- operator RSS once idle: %s KiB by round", done.stream().map(Round::rssKib).toList());
    byRound(
        section,
        "CPU time from creation to Ready, by process (ms, by round)",
        done.stream().map(Round::cpuMillis).toList());
    byRound(
        section,
        "the operator's CPU time from creation to Ready, by thread (ms, by round)",
        done.stream().map(Round::operatorThreadCpuMillis).toList());
    section.requests("requests of the first round's install", done.get(0).requests());
  }

  /** A fresh cluster and operator; the install timed; the last round also checks a no-op. */
  private Round round(SetUp setUp, BenchReport report, int round, boolean last) throws Exception {
    try (AuditedCluster cluster = AuditedCluster.start("bench/install", 3)) {
      KubernetesClient admin = cluster.admin();
      AuditLog audit = cluster.audit();
      try (PackagedOperator operator =
          cluster
              .startOperator(
                  environment(setUp),
                  setUp.jvmOptions(),
                  "operator-"
                      + setUp.name().substring(0, setUp.name().indexOf(':'))
                      + "-"
                      + round
                      + ".log")
              .awaitStarted(BOUND)) {
        audit.awaitQuiet(2_000, BOUND.toMillis());

        KubectlUser user = new KubectlUser(cluster.cluster(), dir.resolve("install/kubectl-cache"));
        user.warmUp("meshinstallations");
        ProcessCpu.awaitIdle(operator.pid(), 60, 150, 60_000);
        long offset = audit.mark();
        Map<String, Long> cpuBefore = ProcessCpu.byName(operator.pid());
        Map<String, Long> threadCpuBefore = ProcessCpu.byThread(operator.pid());
        long startMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        MeshInstallation mesh = Installations.ambient("bench");
        user.createAndWaitReady(mesh, BOUND);
        long millis = (System.nanoTime() - start) / 1_000_000;
        Map<String, Long> cpu = ProcessCpu.between(cpuBefore, ProcessCpu.byName(operator.pid()));
        Map<String, Long> threadCpu =
            ProcessCpu.between(threadCpuBefore, ProcessCpu.byThread(operator.pid()));
        audit.awaitQuiet(3_000, BOUND.toMillis());
        Map<String, Integer> requests = audit.since(offset);
        // The installation's objects, not its status or Events.
        long writeSpan =
            audit.writeSpanMillis(
                offset,
                resource ->
                    !resource.startsWith("meshinstallations") && !resource.equals("events"));
        if (round == 1) {
          report.line(
              "- first round, the operator's requests as the API server received them (Ready"
                  + " seen at +%d ms):",
              millis);
          audit.timeline(offset, startMillis).forEach(line -> report.line("  - %s", line));
        }

        if (last) {
          offset = audit.mark();
          admin
              .resource(mesh)
              .patch(
                  PatchContext.of(PatchType.JSON_MERGE),
                  "{\"metadata\":{\"annotations\":{\"bench.mesh.operator.dev/touched\":\"1\"}}}");
          audit.awaitQuiet(3_000, BOUND.toMillis());
          Map<String, Integer> touched = audit.since(offset);
          report.requests("no-op touch of the installation", touched);
          assertThat(AuditLog.writes(touched)).as("writes after a touch: %s", touched).isZero();
        }
        // Idle long enough for start-up garbage to be collected in the normal course.
        Thread.sleep(10_000);
        long rss = BenchReport.rssKib(operator);
        if (last) {
          // A minute on, the threads that started the watches have ended (idle pools): steady.
          Thread.sleep(55_000);
          report.line("- after a minute idle:");
          report.memory(operator);
          if (setUp.jvmOptions().contains("-XX:NativeMemoryTracking=summary")) {
            report.nativeMemory(operator);
          }
        }
        return new Round(millis, writeSpan, requests, rss, cpu, threadCpu);
      }
    }
  }

  private static Map<String, String> environment(SetUp setUp) {
    Map<String, String> environment = new java.util.HashMap<>(setUp.environment());
    environment.put("MESH_APPLY_PARALLELISM", Integer.toString(setUp.parallelism()));
    return environment;
  }

  /** One line per name, with its value in each round (0 where a round had none). */
  private static void byRound(BenchReport report, String title, List<Map<String, Long>> rounds) {
    report.line("- %s:", title);
    rounds.stream()
        .flatMap(r -> r.keySet().stream())
        .distinct()
        .sorted()
        .forEach(
            name ->
                report.line(
                    "  - %s: %s",
                    name, rounds.stream().map(r -> r.getOrDefault(name, 0L)).toList()));
  }
}
