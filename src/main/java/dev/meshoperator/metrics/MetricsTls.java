package dev.meshoperator.metrics;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The metrics server's certificate: {@code tls.crt} and {@code tls.key} from a mounted directory (a
 * {@code kubernetes.io/tls} Secret, as cert-manager or OpenShift's service CA writes it), read
 * again when they change; otherwise one made in memory, made again before it expires.
 */
final class MetricsTls {

  static final String CERTIFICATE = "tls.crt";
  static final String KEY = "tls.key";

  private static final Duration SELF_SIGNED_LIFE = Duration.ofDays(365);
  private static final Duration RENEW_BEFORE = Duration.ofDays(30);

  /** A certificate and its key, as PEM text. */
  record Material(String certificate, String key) {
    PemKeyCertOptions options() {
      return new PemKeyCertOptions()
          .addCertValue(Buffer.buffer(certificate))
          .addKeyValue(Buffer.buffer(key));
    }
  }

  private final Optional<Path> directory;
  private final String service;
  private final List<String> dnsNames;
  private volatile Material served;
  private volatile Instant renewAt = Instant.MAX;

  private MetricsTls(Optional<Path> directory, String service, List<String> dnsNames) {
    this.directory = directory;
    this.service = service;
    this.dnsNames = dnsNames;
  }

  /** Files from {@code directory}: a missing one fails the start, naming it. */
  static MetricsTls mounted(Path directory) {
    return new MetricsTls(Optional.of(directory), null, List.of());
  }

  /** A self-signed certificate naming the operator's Service in {@code namespace}. */
  static MetricsTls selfSigned(String service, Optional<String> namespace) {
    List<String> names =
        namespace
            .map(
                ns ->
                    List.of(service, service + "." + ns, service + "." + ns + ".svc", "localhost"))
            .orElse(List.of(service, "localhost"));
    return new MetricsTls(Optional.empty(), service, names);
  }

  boolean isMounted() {
    return directory.isPresent();
  }

  /** What to serve at start; it counts as served. */
  Material initial(Instant now) {
    Material material =
        directory.isPresent() ? read().orElseThrow(() -> unreadable(null)) : generate(now);
    served(material, now);
    return material;
  }

  /**
   * New material to serve, if any: mounted files that changed (read whole, not halfway through a
   * renewal), or a self-signed certificate close to its end.
   */
  Optional<Material> renewal(Instant now) {
    if (directory.isEmpty()) {
      return now.isBefore(renewAt) ? Optional.empty() : Optional.of(generate(now));
    }
    return read().filter(material -> !material.equals(served));
  }

  /** Records that {@code material} is being served now (made at {@code now}, if self-signed). */
  void served(Material material, Instant now) {
    served = material;
    if (directory.isEmpty()) {
      // Only once served: a certificate that failed to load is made again at the next check.
      renewAt = now.plus(SELF_SIGNED_LIFE).minus(RENEW_BEFORE);
    }
  }

  private Material generate(Instant now) {
    SelfSignedCertificate generated =
        SelfSignedCertificate.generate(
            service, dnsNames, List.of("127.0.0.1", "::1"), SELF_SIGNED_LIFE);
    return new Material(generated.certificatePem(), generated.privateKeyPem());
  }

  /**
   * Both files, or empty while they are being replaced: the certificate read before and after the
   * key must be the same, so that a key is never paired with another certificate.
   */
  private Optional<Material> read() {
    Path dir = directory.orElseThrow();
    try {
      String certificate = Files.readString(dir.resolve(CERTIFICATE));
      String key = Files.readString(dir.resolve(KEY));
      String again = Files.readString(dir.resolve(CERTIFICATE));
      return certificate.equals(again)
          ? Optional.of(new Material(certificate, key))
          : Optional.empty();
    } catch (IOException e) {
      // At start the operator cannot serve without them; later the previous certificate stays
      // served, and SecureMetricsServer says why the files could not be read.
      throw unreadable(e);
    }
  }

  private UncheckedIOException unreadable(IOException cause) {
    return new UncheckedIOException(
        "the metrics certificate directory "
            + directory.orElseThrow()
            + " needs "
            + CERTIFICATE
            + " and "
            + KEY,
        cause == null ? new IOException("changing while read") : cause);
  }
}
