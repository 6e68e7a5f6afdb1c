package dev.meshoperator.ambient;

import io.fabric8.kubernetes.api.model.Namespace;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
    Map<String, String> labels =
        Objects.requireNonNullElse(current.getMetadata().getLabels(), Map.of());
    Map<String, String> annotations =
        Objects.requireNonNullElse(current.getMetadata().getAnnotations(), Map.of());
    if (desired.isEmpty()) {
      return annotations.containsKey(AmbientLabels.ENROLLMENT_RECORD) && previous.isPresent();
    }
    EnrollmentRecord record = desired.get();
    return !record.toJson().equals(annotations.get(AmbientLabels.ENROLLMENT_RECORD))
        || record.labels().entrySet().stream()
            .anyMatch(e -> !e.getValue().equals(labels.get(e.getKey())))
        || record.replaced().keySet().stream().anyMatch(labels::containsKey);
  }
}
