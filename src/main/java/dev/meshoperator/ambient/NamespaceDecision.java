package dev.meshoperator.ambient;

import io.fabric8.kubernetes.api.model.Namespace;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one installation wants for one namespace.
 *
 * @param current the namespace as the cache holds it
 * @param previous this installation's record on it, if any
 * @param desired the record to hold after this reconcile; empty to leave nothing of ours
 */
public record NamespaceDecision(
    Namespace current,
    EnrollmentState state,
    String reason,
    String message,
    Optional<EnrollmentRecord> previous,
    Optional<EnrollmentRecord> desired) {

  public String name() {
    return current.getMetadata().getName();
  }

  NamespaceDecision withDesired(Optional<EnrollmentRecord> record) {
    return new NamespaceDecision(current, state, reason, message, previous, record);
  }

  /** Whether the namespace differs from the desired record; false means no API request. */
  public boolean needsWrite() {
    Map<String, String> annotations =
        Objects.requireNonNullElse(current.getMetadata().getAnnotations(), Map.of());
    if (desired.isEmpty()) {
      return annotations.containsKey(AmbientLabels.ENROLLMENT_RECORD) && previous.isPresent();
    }
    return !desired.get().toJson().equals(annotations.get(AmbientLabels.ENROLLMENT_RECORD))
        || !labelsToWrite().isEmpty();
  }

  /**
   * The label keys this decision sets to another value, removes (replaced ones), or gives back
   * (everything the previous record set or removed, when nothing is desired any more).
   */
  public SortedSet<String> labelsToWrite() {
    Map<String, String> labels =
        Objects.requireNonNullElse(current.getMetadata().getLabels(), Map.of());
    SortedSet<String> keys = new TreeSet<>();
    if (desired.isPresent()) {
      desired
          .get()
          .labels()
          .forEach(
              (k, v) -> {
                if (!v.equals(labels.get(k))) {
                  keys.add(k);
                }
              });
      desired.get().replaced().keySet().stream().filter(labels::containsKey).forEach(keys::add);
    } else {
      previous.ifPresent(
          record -> {
            keys.addAll(record.labels().keySet());
            keys.addAll(record.replaced().keySet());
          });
    }
    return keys;
  }
}
