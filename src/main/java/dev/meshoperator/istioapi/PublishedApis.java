package dev.meshoperator.istioapi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The istio.io/api releases packaged into the operator, one {@link PublishedApi} per release,
 * shared by everyone holding this instance so that each is read once.
 */
public final class PublishedApis {

  private final Map<String, PublishedApi> releases = new ConcurrentHashMap<>();

  /** The API of istio.io/api {@code release}, e.g. 1.31.4; read when first used. */
  public PublishedApi of(String release) {
    return releases.computeIfAbsent(release, PublishedApi::new);
  }
}
