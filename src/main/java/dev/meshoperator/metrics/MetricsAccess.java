package dev.meshoperator.metrics;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Who may read the metrics, decided by the API server as controller-runtime's secure metrics do: a
 * TokenReview says who the bearer is, a SubjectAccessReview whether that user may {@code get} the
 * non-resource URL {@code /metrics} (a ClusterRole such as {@code mesh-operator-metrics-reader}
 * grants it). Answers are kept for 30 seconds, so a scrape every few seconds costs the API server
 * about four requests a minute per scraper.
 */
public class MetricsAccess {

  /** The non-resource URL a scraper's RBAC names, whatever the path it calls. */
  public static final String PATH = "/metrics";

  private static final Duration REMEMBERED = Duration.ofSeconds(30);
  private static final int MAX_REMEMBERED = 256;

  /**
   * Reviews sent at once. A caller sending made-up tokens gets answers at the pace of the API
   * server, never a flood of reviews under the operator's identity; a token the API server does not
   * accept is not remembered, so such tokens never push out those of real scrapers.
   */
  private static final int MAX_REVIEWS_AT_ONCE = 4;

  /** How long a request waits for a review slot before it is told to come back (429). */
  private static final Duration SLOT_WAIT = Duration.ofSeconds(2);

  /** What a request's bearer may do. */
  public enum Decision {
    ALLOWED,
    /** No token, or one the API server does not accept: HTTP 401. */
    UNAUTHENTICATED,
    /** A known user without the permission: HTTP 403. */
    FORBIDDEN,
    /** No review slot came free in time; nothing was asked of the API server: HTTP 429. */
    BUSY
  }

  private record Remembered(Decision decision, Instant until) {}

  private final KubernetesClient client;
  private final Clock clock;
  private final Semaphore reviews = new Semaphore(MAX_REVIEWS_AT_ONCE);

  /** By token digest, least recently used first. */
  private final Map<String, Remembered> decisions =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
              return size() > MAX_REMEMBERED;
            }
          });

  public MetricsAccess(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Decides for the value of an {@code Authorization} header ({@code null} when absent). */
  public Decision decide(String authorization) {
    String token = bearerToken(authorization);
    if (token == null) {
      return Decision.UNAUTHENTICATED;
    }
    String key = digest(token);
    Instant now = clock.instant();
    Remembered known = decisions.get(key);
    if (known != null && now.isBefore(known.until())) {
      return known.decision();
    }
    try {
      if (!reviews.tryAcquire(SLOT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        return Decision.BUSY;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Decision.BUSY;
    }
    try {
      Decision decision = review(token);
      if (decision != Decision.UNAUTHENTICATED) {
        decisions.put(key, new Remembered(decision, now.plus(REMEMBERED)));
      }
      return decision;
    } finally {
      reviews.release();
    }
  }

  static String bearerToken(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = authorization.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  private Decision review(String token) {
    TokenReview review =
        client
            .resource(new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build())
            .create();
    if (review.getStatus() == null || !Boolean.TRUE.equals(review.getStatus().getAuthenticated())) {
      return Decision.UNAUTHENTICATED;
    }
    UserInfo user = review.getStatus().getUser();
    SubjectAccessReview access =
        client
            .resource(
                new SubjectAccessReviewBuilder()
                    .withNewSpec()
                    .withUser(user.getUsername())
                    .withUid(user.getUid())
                    .withGroups(user.getGroups())
                    .withExtra(user.getExtra())
                    .withNewNonResourceAttributes()
                    .withPath(PATH)
                    .withVerb("get")
                    .endNonResourceAttributes()
                    .endSpec()
                    .build())
            .create();
    return access.getStatus() != null && Boolean.TRUE.equals(access.getStatus().getAllowed())
        ? Decision.ALLOWED
        : Decision.FORBIDDEN;
  }

  /** Tokens are kept only as digests, so a heap dump shows none. */
  private static String digest(String token) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
