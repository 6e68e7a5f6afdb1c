package dev.meshoperator.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which cluster objects are known to hold which desired object. A resourceVersion names one state
 * of an object, so once the comparison, or our own write, found a version holding what was desired,
 * the same desired object against the same version needs no second comparison. The comparison turns
 * both objects into maps and walks the managed fields: most of a reconcile that writes nothing, and
 * during an install every rollout step of istiod or a node agent reconciles the whole installation
 * while its other objects stay as they were.
 */
@Singleton
public class KnownMatches {

  /** Far above what the installations of one cluster manage; past it, start over. */
  static final int LIMIT = 4_096;

  private record Known(String uid, String resourceVersion, HasMetadata desired) {}

  private final Map<String, Known> byObject = new ConcurrentHashMap<>();

  /** True when {@code actual}'s version was already found holding an equal {@code desired}. */
  boolean holds(HasMetadata actual, HasMetadata desired) {
    Known known = byObject.get(key(actual));
    return known != null
        && known.uid().equals(actual.getMetadata().getUid())
        && known.resourceVersion().equals(actual.getMetadata().getResourceVersion())
        && known.desired().equals(desired);
  }

  /** Records that {@code actual} (read, or returned by our apply) holds {@code desired}. */
  void remember(HasMetadata actual, HasMetadata desired) {
    String uid = actual.getMetadata().getUid();
    String version = actual.getMetadata().getResourceVersion();
    if (uid == null || version == null) {
      return;
    }
    if (byObject.size() >= LIMIT) {
      // Entries of deleted objects are never read again; forgetting costs only comparisons.
      byObject.clear();
    }
    byObject.put(key(actual), new Known(uid, version, desired));
  }

  int size() {
    return byObject.size();
  }

  private static String key(HasMetadata object) {
    return object.getApiVersion()
        + "/"
        + object.getKind()
        + "/"
        + object.getMetadata().getNamespace()
        + "/"
        + object.getMetadata().getName();
  }
}
