package dev.meshoperator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.localcluster.ControlPlaneBinaries;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.Tiers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operator's mesh-config check against Istio's own istiod (pilot-discovery, built from the
 * pinned istio.io/istio module), case by case: every mesh config the operator accepts, istiod
 * starts with, and every wrong type, enum value or duration the operator refuses, istiod refuses
 * too. istiod is given what the operator's {@code istio} ConfigMap would hold (the profile's mesh
 * config with the case merged in) as its mesh config file, which it reads before anything else: on
 * a value it cannot parse it exits, otherwise it logs the mesh configuration it runs with. Unknown
 * keys are the one place the operator is stricter: istiod ignores them, and the table says so.
 */
@Tag(Tiers.ISTIO)
class MeshConfigIstiodIT {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final IstioCatalog CATALOG = IstioCatalog.load();
  private static final String VERSION = "1.31.4";

  private static Path pilotDiscovery;
  private static Path workDir;

  /** Who takes a mesh config: both, neither, or istiod alone (it ignores unknown keys). */
  enum Verdict {
    BOTH_TAKE,
    BOTH_REFUSE,
    ONLY_ISTIOD_TAKES
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("accessLogFile: /dev/stdout", Verdict.BOTH_TAKE),
        Arguments.of("enableTracing: true", Verdict.BOTH_TAKE),
        Arguments.of("connectTimeout: 1m30s", Verdict.BOTH_TAKE),
        Arguments.of("connectTimeout: 500ms", Verdict.BOTH_TAKE),
        Arguments.of("outboundTrafficPolicy: {mode: REGISTRY_ONLY}", Verdict.BOTH_TAKE),
        Arguments.of(
            "defaultConfig: {holdApplicationUntilProxyStarts: true, concurrency: 2}",
            Verdict.BOTH_TAKE),
        Arguments.of("defaultConfig: {drainDuration: 45s}", Verdict.BOTH_TAKE),
        Arguments.of(
            "defaultConfig: {proxyMetadata: {ISTIO_META_DNS_CAPTURE: 'true'}}", Verdict.BOTH_TAKE),
        Arguments.of(
            "extensionProviders: [{name: otel, opentelemetry: {service: otel.ns.svc, port: 4317}}]",
            Verdict.BOTH_TAKE),
        Arguments.of("trustDomainAliases: [a.example, b.example]", Verdict.BOTH_TAKE),
        Arguments.of("outboundTrafficPolicy: {mode: OPEN}", Verdict.BOTH_REFUSE),
        Arguments.of("connectTimeout: fast", Verdict.BOTH_REFUSE),
        Arguments.of("connectTimeout: 10", Verdict.BOTH_REFUSE),
        Arguments.of("enableTracing: maybe", Verdict.BOTH_REFUSE),
        Arguments.of("accessLogFile: 3", Verdict.BOTH_REFUSE),
        Arguments.of("defaultConfig: {concurrency: two}", Verdict.BOTH_REFUSE),
        Arguments.of("defaultConfig: {drainDuration: 5 minutes}", Verdict.BOTH_REFUSE),
        Arguments.of("defaultConfig: {proxyMetadata: [a]}", Verdict.BOTH_REFUSE),
        Arguments.of(
            "extensionProviders: [{name: z, zipkin: {service: z.ns.svc, port: nine}}]",
            Verdict.BOTH_REFUSE),
        Arguments.of("trustDomainAliases: a.example", Verdict.BOTH_REFUSE),
        Arguments.of("accesLogFile: /dev/stdout", Verdict.ONLY_ISTIOD_TAKES),
        Arguments.of("defaultConfig: {holdApplication: true}", Verdict.ONLY_ISTIOD_TAKES));
  }

  @BeforeAll
  static void buildIstiod() throws IOException {
    Path project = Path.of("").toAbsolutePath();
    pilotDiscovery =
        ControlPlaneBinaries.locate(project, "istio", List.of("pilot-discovery", "istioctl"))
            .resolve("pilot-discovery");
    workDir = Files.createDirectories(project.resolve("target/mesh-config-istiod"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void theOperatorAndIstiodAgree(String meshConfig, Verdict verdict) throws Exception {
    JsonNode user = YAML.readTree(meshConfig);
    Optional<String> refusal = operatorRefusal(user);
    ObjectNode written = JsonMerge.merge(resolve(null).meshConfig().deepCopy(), user);

    boolean istiodTakes = istiodStartsWith(written);

    assertThat(refusal.isEmpty())
        .as("the operator takes it (refusal: %s)", refusal.orElse("none"))
        .isEqualTo(verdict == Verdict.BOTH_TAKE);
    assertThat(istiodTakes).as("istiod starts with it").isEqualTo(verdict != Verdict.BOTH_REFUSE);
    if (verdict == Verdict.BOTH_TAKE) {
      assertThat(resolve(user).meshConfig()).as("what the operator writes").isEqualTo(written);
    } else {
      assertThat(refusal.get()).startsWith("spec.meshConfig.");
    }
  }

  private static Optional<String> operatorRefusal(JsonNode meshConfig) {
    try {
      resolve(meshConfig);
      return Optional.empty();
    } catch (InvalidSpecException refused) {
      return Optional.of(refused.getMessage());
    }
  }

  private static MeshPlan resolve(JsonNode meshConfig) {
    MeshInstallation mesh =
        Installations.unapplied(
            "mesh",
            spec -> {
              spec.setVersion(VERSION);
              spec.setMeshConfig(meshConfig);
            });
    return new PlanResolver(CATALOG).resolve(mesh);
  }

  /**
   * Whether pilot-discovery, given {@code mesh} as its mesh config file, gets as far as logging the
   * mesh configuration it runs with; it exits first when it cannot read it.
   */
  private static boolean istiodStartsWith(JsonNode mesh) throws Exception {
    Path file = Files.createTempFile(workDir, "mesh", ".json");
    Files.writeString(file, JSON.writeValueAsString(mesh));
    Path log = workDir.resolve(file.getFileName() + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                pilotDiscovery.toString(),
                "discovery",
                "--meshConfig=" + file,
                "--networksConfig=" + workDir.resolve("no-mesh-networks"),
                "--grpcAddr=127.0.0.1:0",
                "--httpAddr=127.0.0.1:0",
                "--httpsAddr=127.0.0.1:0",
                "--secureGRPCAddr=127.0.0.1:0",
                "--monitoringAddr=127.0.0.1:0",
                "--ctrlz_port=0")
            .redirectErrorStream(true);
    builder.environment().put("KUBECONFIG", workDir.resolve("no-kubeconfig").toString());
    Process istiod = builder.start();
    try {
      CompletableFuture<Boolean> started =
          CompletableFuture.supplyAsync(() -> readsMeshConfiguration(istiod, log));
      return started.get(60, TimeUnit.SECONDS);
    } finally {
      istiod.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Reads istiod's output into {@code log} until it logs its mesh configuration or exits. */
  private static boolean readsMeshConfiguration(Process istiod, Path log) {
    try (BufferedReader out =
            new BufferedReader(
                new InputStreamReader(istiod.getInputStream(), StandardCharsets.UTF_8));
        var written = Files.newBufferedWriter(log)) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        written.write(line);
        written.newLine();
        if (line.contains("\tmesh configuration: ")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read istiod's output", e);
    }
  }
}
