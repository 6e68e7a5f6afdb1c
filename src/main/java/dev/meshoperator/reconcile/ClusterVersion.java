package dev.meshoperator.reconcile;

import dev.meshoperator.catalog.MinorVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The API server's Kubernetes line, read at most every ten minutes (clusters are upgraded under a
 * running operator, but not often), so reconciles do not pay a request for it.
 */
@Singleton
public class ClusterVersion {

  private static final Duration TTL = Duration.ofMinutes(10);

  private final KubernetesClient client;
  private final Clock clock;
  private MinorVersion cached;
  private Instant fetched = Instant.MIN;

  public ClusterVersion(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Empty when the version cannot be read: preflight then skips the check, not the reconcile. */
  public synchronized Optional<MinorVersion> get() {
    Instant now = clock.instant();
    if (cached == null || fetched.plus(TTL).isBefore(now)) {
      try {
        var info = client.getKubernetesVersion();
        cached = MinorVersion.of(info.getMajor() + "." + info.getMinor());
        fetched = now;
      } catch (KubernetesClientException | IllegalArgumentException unreadable) {
        return Optional.ofNullable(cached);
      }
    }
    return Optional.of(cached);
  }
}
