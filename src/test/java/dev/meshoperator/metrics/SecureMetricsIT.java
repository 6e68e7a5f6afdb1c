package dev.meshoperator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.localcluster.CrdInstaller;
import dev.meshoperator.localcluster.LocalCluster;
import dev.meshoperator.testing.MetricsScraper;
import dev.meshoperator.testing.MetricsScraper.Scrape;
import dev.meshoperator.testing.Namespaces;
import dev.meshoperator.testing.OwnCluster;
import dev.meshoperator.testing.PackagedOperator;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The packaged operator's metrics as a Prometheus with a ServiceAccount token scrapes them: HTTPS,
 * the token reviewed by the API server and authorized by the generated reader ClusterRole, the
 * plain endpoint closed; a mounted certificate served and, once renewed, served anew.
 */
@Tag(Tiers.PACKAGED)
class SecureMetricsIT {

  private static final String NAMESPACE = "mesh-operator";
  private static final Duration BOUND = Duration.ofSeconds(60);

  private static LocalCluster cluster;
  private static KubernetesClient admin;
  private static String operatorToken;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = OwnCluster.start("secure-metrics-it");
    admin = cluster.newClient();
    CrdInstaller.installMeshInstallationCrd(admin);
    Namespaces.apply(admin, NAMESPACE, Map.of());
    String account = PackagedOperator.installGeneratedRbac(admin, NAMESPACE);
    operatorToken = PackagedOperator.token(admin, NAMESPACE, account);
  }

  @AfterAll
  static void stopCluster() {
    admin.close();
    cluster.close();
  }

  @Test
  void onlyATokenAllowedToGetMetricsReadsThemOverHttps() throws Exception {
    String reader = MetricsScraper.token(admin, NAMESPACE, "prometheus", true);
    String stranger = MetricsScraper.token(admin, NAMESPACE, "stranger", false);
    int http = PackagedOperator.freePort();
    int https = PackagedOperator.freePort();
    try (PackagedOperator operator = start(http, https, Map.of(), "secure-metrics-it.log")) {
      // The HTTP port keeps the probes (the liveness check registers its gauge as it first
      // runs) and no longer serves metrics.
      assertThat(operator.get("/q/health/live").statusCode()).isEqualTo(200);
      var plain = operator.get("/q/metrics");
      assertThat(plain.statusCode()).isEqualTo(404);
      assertThat(plain.body()).contains("HTTPS").doesNotContain("jvm_");
      assertThat(operator.get("/q/metrics/any").statusCode())
          .as("Quarkus serves metrics below /q/metrics too")
          .isEqualTo(404);

      Scrape allowed =
          await()
              .atMost(BOUND)
              .ignoreExceptions()
              .until(() -> MetricsScraper.scrape(https, reader), scrape -> scrape.status() == 200);
      assertThat(allowed.body())
          .contains("mesh_operator_stopped_watches")
          .containsPattern("jvm_memory_used_bytes\\{");
      // Self-signed, for the operator's Service in its namespace.
      assertThat(MetricsScraper.subjectAltNames(allowed.certificate()))
          .contains("mesh-operator." + NAMESPACE + ".svc", "127.0.0.1");

      Scrape forbidden = MetricsScraper.scrape(https, stranger);
      assertThat(forbidden.status()).as(forbidden.body()).isEqualTo(403);
      assertThat(forbidden.body()).doesNotContain("jvm_");
      Scrape anonymous = MetricsScraper.scrape(https, null);
      assertThat(anonymous.status()).isEqualTo(401);
      Scrape forged =
          MetricsScraper.scrape(https, reader.substring(0, reader.length() - 4) + "AAAA");
      assertThat(forged.status()).isEqualTo(401);
      assertThat(MetricsScraper.scrape(https, "/q/metrics", reader, null).status())
          .as("only /metrics is served on the metrics port")
          .isEqualTo(404);
    }
  }

  @Test
  void aMountedCertificateIsServedAndItsRenewalPickedUp() throws Exception {
    Path directory = Files.createTempDirectory(Path.of("target"), "metrics-cert-");
    SelfSignedCertificate first = write(directory, "first-ca");
    String reader = MetricsScraper.token(admin, NAMESPACE, "prometheus", true);
    int http = PackagedOperator.freePort();
    int https = PackagedOperator.freePort();
    try (PackagedOperator operator =
        start(
            http,
            https,
            Map.of(
                "MESH_METRICS_CERT_DIR",
                directory.toAbsolutePath().toString(),
                "MESH_METRICS_CERT_CHECK_INTERVAL",
                "1s"),
            "secure-metrics-mounted-it.log")) {
      X509Certificate trusted = MetricsScraper.certificate(first.certificatePem());
      Scrape verified =
          await()
              .atMost(BOUND)
              .ignoreExceptions()
              .until(
                  () -> MetricsScraper.scrape(https, "/metrics", reader, trusted),
                  scrape -> scrape.status() == 200);
      assertThat(verified.certificate()).isEqualTo(trusted);

      SelfSignedCertificate renewed = write(directory, "renewed-ca");
      X509Certificate next = MetricsScraper.certificate(renewed.certificatePem());
      await()
          .atMost(BOUND)
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(MetricsScraper.scrape(https, "/metrics", reader, next).status())
                      .isEqualTo(200));
      assertThatThrownBy(() -> MetricsScraper.scrape(https, "/metrics", reader, trusted))
          .as("the replaced certificate is no longer served")
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("PKIX path building failed");
      assertThat(Files.readString(operator.log())).contains("mounted certificate changed");
    }
  }

  private static PackagedOperator start(int http, int https, Map<String, String> env, String log)
      throws Exception {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("QUARKUS_HTTP_PORT", Integer.toString(http));
    all.put("MESH_METRICS_PORT", Integer.toString(https));
    return PackagedOperator.start(
            cluster.clientConfig(),
            NAMESPACE,
            operatorToken,
            all,
            List.of(),
            Path.of("target", log))
        .awaitStarted(BOUND);
  }

  /** A certificate for the loopback address, written as a kubernetes.io/tls Secret mounts it. */
  private static SelfSignedCertificate write(Path directory, String name) throws Exception {
    SelfSignedCertificate certificate =
        SelfSignedCertificate.generate(
            name, List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(1));
    Files.writeString(directory.resolve("tls.crt"), certificate.certificatePem());
    Files.writeString(directory.resolve("tls.key"), certificate.privateKeyPem());
    return certificate;
  }
}
