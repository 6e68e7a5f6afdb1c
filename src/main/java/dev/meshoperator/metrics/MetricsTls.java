package dev.meshoperator.metrics;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The metrics server's certificate: {@code tls.crt} and {@code tls.key} from a mounted directory (a
 * {@code kubernetes.io/tls} Secret, as cert-manager or OpenShift's service CA writes it), read
 * again when they change; otherwise one made in memory at start.
 */
final class MetricsTls {

  static final String CERTIFICATE = "tls.crt";
  static final String KEY = "tls.key";

  private static final Duration SELF_SIGNED_LIFE = Duration.ofDays(365);

  private final Optional<Path> directory;
  private final SelfSignedCertificate generated;
  private String loaded = "";

  private MetricsTls(Optional<Path> directory, SelfSignedCertificate generated) {
    this.directory = directory;
    this.generated = generated;
  }

  /** Files from {@code directory}: a missing one fails the start, naming it. */
  static MetricsTls mounted(Path directory) {
    MetricsTls tls = new MetricsTls(Optional.of(directory), null);
    tls.read();
    return tls;
  }

  /** A self-signed certificate naming the operator's Service in {@code namespace}. */
  static MetricsTls selfSigned(String service, Optional<String> namespace) {
    List<String> names =
        namespace
            .map(
                ns ->
                    List.of(service, service + "." + ns, service + "." + ns + ".svc", "localhost"))
            .orElse(List.of(service, "localhost"));
    return new MetricsTls(
        Optional.empty(),
        SelfSignedCertificate.generate(
            service, names, List.of("127.0.0.1", "::1"), SELF_SIGNED_LIFE));
  }

  boolean isMounted() {
    return directory.isPresent();
  }

  /** The key and certificate to serve now. */
  PemKeyCertOptions options() {
    if (generated != null) {
      return pem(generated.certificatePem(), generated.privateKeyPem());
    }
    String[] files = read();
    loaded = files[0] + files[1];
    return pem(files[0], files[1]);
  }

  /** True when the mounted files differ from what {@link #options()} last read. */
  boolean changed() {
    if (directory.isEmpty()) {
      return false;
    }
    String[] files = read();
    return !loaded.equals(files[0] + files[1]);
  }

  private String[] read() {
    Path dir = directory.orElseThrow();
    try {
      return new String[] {
        Files.readString(dir.resolve(CERTIFICATE)), Files.readString(dir.resolve(KEY))
      };
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the metrics certificate directory " + dir + " needs " + CERTIFICATE + " and " + KEY, e);
    }
  }

  private static PemKeyCertOptions pem(String certificate, String key) {
    return new PemKeyCertOptions()
        .addCertValue(Buffer.buffer(certificate))
        .addKeyValue(Buffer.buffer(key));
  }
}
