package dev.meshoperator.metrics;

import dev.meshoperator.reconcile.OperatorNamespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SSLOptions;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The operator's metrics over HTTPS for authenticated, authorized scrapers only
 * (controller-runtime's secure metrics, the default of Sail and kubebuilder operators): {@code GET
 * /metrics} on its own port, a bearer token checked by {@link MetricsAccess}. While it is on, the
 * plain {@code /q/metrics} of the HTTP port (which the kubelet's probes use) answers 404; {@code
 * mesh.metrics.secure=false} serves metrics there instead, without authentication, as before.
 */
@Singleton
public class SecureMetricsServer {

  static final String SERVICE = "mesh-operator";
  private static final String PLAIN_PATHS = "/q/metrics(/.*)?";
  private static final Logger LOG = Logger.getLogger(SecureMetricsServer.class);

  private final boolean secure;
  private final int port;
  private final Optional<String> certificateDirectory;
  private final Duration certificateCheck;
  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final MetricsAccess access;
  private final Clock clock;
  private HttpServer server;

  public SecureMetricsServer(
      @ConfigProperty(name = "mesh.metrics.secure", defaultValue = "true") boolean secure,
      @ConfigProperty(name = "mesh.metrics.port", defaultValue = "8443") int port,
      @ConfigProperty(name = "mesh.metrics.cert-dir") Optional<String> certificateDirectory,
      // How often a mounted certificate is read again (cert-manager renews it in place).
      @ConfigProperty(name = "mesh.metrics.cert-check-interval", defaultValue = "60s")
          Duration certificateCheck,
      Vertx vertx,
      PrometheusMeterRegistry registry,
      KubernetesClient client,
      Clock clock) {
    this.secure = secure;
    this.port = port;
    this.certificateDirectory = certificateDirectory.filter(dir -> !dir.isBlank());
    this.certificateCheck = certificateCheck;
    this.vertx = vertx;
    this.registry = registry;
    this.access = new MetricsAccess(client, clock);
    this.clock = clock;
  }

  /** Closes the plain endpoint before the HTTP port takes requests. */
  void closePlainEndpoint(@Observes Router router) {
    if (secure) {
      // Quarkus serves metrics under /q/metrics/* too: every such path is closed.
      router
          .routeWithRegex(PLAIN_PATHS)
          .order(Integer.MIN_VALUE)
          .handler(
              context ->
                  context
                      .response()
                      .setStatusCode(404)
                      .end(
                          "Metrics are served over HTTPS at /metrics on port "
                              + port
                              + ", to a bearer token allowed to get /metrics.\n"));
    }
  }

  void start(@Observes StartupEvent started) {
    if (!secure) {
      LOG.info(
          "Metrics: plain HTTP at /q/metrics, without authentication (mesh.metrics.secure=false)");
      return;
    }
    MetricsTls tls =
        certificateDirectory
            .map(dir -> MetricsTls.mounted(Path.of(dir)))
            .orElseGet(() -> MetricsTls.selfSigned(SERVICE, OperatorNamespace.get()));
    HttpServerOptions options =
        new HttpServerOptions()
            .setSsl(true)
            .setKeyCertOptions(tls.initial(clock.instant()).options())
            .setPort(port);
    server = vertx.createHttpServer(options).requestHandler(this::handle);
    server.listen().toCompletionStage().toCompletableFuture().join();
    LOG.infof(
        "Metrics: HTTPS at /metrics on port %d (%s certificate), for bearer tokens allowed to get"
            + " /metrics",
        server.actualPort(), tls.isMounted() ? "mounted" : "self-signed");
    vertx.setPeriodic(certificateCheck.toMillis(), id -> renew(tls));
  }

  void stop(@Observes ShutdownEvent stopping) {
    if (server != null) {
      server.close();
    }
  }

  /** Serves a renewed certificate: a mounted one that changed, a self-signed one near its end. */
  private void renew(MetricsTls tls) {
    vertx
        .executeBlocking(() -> tls.renewal(clock.instant()), false)
        .onFailure(
            e ->
                LOG.warnf(
                    "Metrics: the mounted certificate could not be read (the previous one is"
                        + " served): %s",
                    e.getMessage()))
        .onSuccess(
            renewal ->
                renewal.ifPresent(
                    material ->
                        server
                            .updateSSLOptions(
                                new SSLOptions().setKeyCertOptions(material.options()))
                            .onSuccess(
                                updated -> {
                                  tls.served(material, clock.instant());
                                  LOG.infof(
                                      "Metrics: the %s certificate changed and is served now",
                                      tls.isMounted() ? "mounted" : "self-signed");
                                })
                            .onFailure(
                                e ->
                                    LOG.warnf(
                                        "Metrics: the new certificate is not served (the previous"
                                            + " one is), and is tried again: %s",
                                        e.getMessage()))));
  }

  /**
   * The format Quarkus' own endpoint picks for the same Accept header, so that the secure endpoint
   * serves the text the plain one did: OpenMetrics, unless plain text is asked for.
   */
  static String format(String accept) {
    return accept != null && (accept.contains("text/plain") || accept.contains("text/html"))
        ? TextFormat.CONTENT_TYPE_004
        : TextFormat.CONTENT_TYPE_OPENMETRICS_100;
  }

  /** What a request gets: the decision, and the metrics when allowed. */
  private record Answer(MetricsAccess.Decision decision, String metrics) {}

  private void handle(HttpServerRequest request) {
    if (!MetricsAccess.PATH.equals(request.path())) {
      request.response().setStatusCode(404).end();
      return;
    }
    if (request.method() != HttpMethod.GET) {
      request.response().setStatusCode(405).putHeader("Allow", "GET").end();
      return;
    }
    String authorization = request.getHeader("Authorization");
    String format = format(request.getHeader("Accept"));
    // Reviews call the API server and a scrape formats every meter: neither on the event loop.
    vertx
        .executeBlocking(
            () -> {
              MetricsAccess.Decision decision = access.decide(authorization);
              return new Answer(
                  decision,
                  decision == MetricsAccess.Decision.ALLOWED ? registry.scrape(format) : "");
            },
            false)
        .onComplete(
            decided -> {
              if (decided.failed()) {
                LOG.warnf(
                    "Metrics: a scrape could not be answered: %s", decided.cause().getMessage());
                request.response().setStatusCode(503).end("Metrics are not available now.\n");
                return;
              }
              switch (decided.result().decision()) {
                case ALLOWED ->
                    request
                        .response()
                        .putHeader("Content-Type", format)
                        .end(decided.result().metrics());
                case BUSY ->
                    request
                        .response()
                        .setStatusCode(429)
                        .putHeader("Retry-After", "1")
                        .end("Too many tokens are being reviewed at once; try again.\n");
                case UNAUTHENTICATED ->
                    request
                        .response()
                        .setStatusCode(401)
                        .putHeader("WWW-Authenticate", "Bearer")
                        .end("A valid bearer token is needed.\n");
                case FORBIDDEN ->
                    request
                        .response()
                        .setStatusCode(403)
                        .end("This token's user may not get /metrics.\n");
              }
            });
  }
}
