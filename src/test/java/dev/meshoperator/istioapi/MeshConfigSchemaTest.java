package dev.meshoperator.istioapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshoperator.catalog.IstioCatalog;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MeshConfig checked against the schema compiled from istio.io/api's protos: what istiod takes
 * passes, and the first wrong value is named by its path.
 */
class MeshConfigSchemaTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final PublishedApis APIS = new PublishedApis();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "accessLogFile: /dev/stdout",
        "access_log_file: /dev/stdout",
        "enableTracing: true",
        "connectTimeout: 10s",
        "connectTimeout: 1m30s",
        "connectTimeout: 500ms",
        "outboundTrafficPolicy: {mode: REGISTRY_ONLY}",
        "defaultConfig: {holdApplicationUntilProxyStarts: true, concurrency: 2}",
        "defaultConfig: {proxyMetadata: {ISTIO_META_DNS_CAPTURE: 'true'}}",
        "defaultConfig: {drainDuration: 45s, tracing: {sampling: 10.5}}",
        "extensionProviders: [{name: otel, opentelemetry: {service: otel.ns.svc, port: 4317}}]",
        "defaultProviders: {metrics: [prometheus]}",
        "trustDomainAliases: [a.example, b.example]",
        "enablePrometheusMerge: null"
      })
  void acceptsWhatIstiodTakes(String meshConfig) throws Exception {
    assertThat(problem("1.31.4", meshConfig)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "accesLogFile: /dev/stdout|accesLogFile|unknown field; MeshConfig of this Istio release"
            + " has no such field (did you mean accessLogFile?)",
        "defaultConfig: {holdApplication: true}|defaultConfig.holdApplication|unknown field",
        "accessLogFile: 3|accessLogFile|3 is not a string",
        "enableTracing: maybe|enableTracing|\"maybe\" is not true or false",
        "outboundTrafficPolicy: {mode: OPEN}|outboundTrafficPolicy.mode|\"OPEN\" is not one of"
            + " REGISTRY_ONLY, ALLOW_ANY",
        "connectTimeout: fast|connectTimeout|\"fast\" is not a duration",
        "connectTimeout: 10|connectTimeout|10 is not a duration",
        "defaultConfig: {drainDuration: 5 minutes}|defaultConfig.drainDuration|is not a duration",
        "defaultConfig: {concurrency: two}|defaultConfig.concurrency|is not a whole number",
        "defaultConfig: {proxyMetadata: [a]}|defaultConfig.proxyMetadata|is not a map",
        "defaultConfig: {proxyMetadata: {A: {b: c}}}|defaultConfig.proxyMetadata.A|is not a string",
        "defaultConfig: 3|defaultConfig|3 is not an object",
        "trustDomainAliases: a.example|trustDomainAliases|is not a list",
        "extensionProviders: [{name: x, zipkin: {service: z, port: nine}}]"
            + "|extensionProviders[0].zipkin.port|\"nine\" is not a whole number",
        "extensionProviders: [{name: x, zipkin: {service: z}, envoyOtelAls: {service: o}}]"
            + "|extensionProviders[0]|at most one of them may be set"
      })
  void namesTheFirstWrongValue(String meshConfig, String path, String problem) throws Exception {
    assertThat(problem("1.31.4", meshConfig))
        .hasValueSatisfying(
            p -> {
              assertThat(p.path()).isEqualTo(path);
              assertThat(p.problem()).contains(problem);
            });
  }

  static List<String> packagedReleases() {
    return IstioCatalog.load().packagedApiReleases();
  }

  @ParameterizedTest
  @MethodSource("packagedReleases")
  void everyPackagedReleaseHasItsMeshConfig(String release) throws Exception {
    assertThat(problem(release, "defaultConfig: {discoveryAddress: istiod.istio-system.svc:15012}"))
        .isEmpty();
    assertThat(problem(release, "noSuchField: 1")).isPresent();
  }

  private static Optional<MeshConfigProblem> problem(String release, String yaml) throws Exception {
    JsonNode meshConfig = YAML.readTree(yaml);
    return APIS.of(release).meshConfig().check(meshConfig);
  }
}
