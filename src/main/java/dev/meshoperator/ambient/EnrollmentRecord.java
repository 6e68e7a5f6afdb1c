package dev.meshoperator.ambient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one installation did to a namespace, stored on it as a JSON annotation: the labels it set
 * and the labels it removed (sidecar injection, when switching). Unenrolling undoes exactly this,
 * so a label that a user or another tool set is never touched.
 *
 * @param installation the MeshInstallation that enrolled the namespace
 * @param labels labels the operator set, and their values
 * @param replaced labels the operator removed, with the values to put back
 */
public record EnrollmentRecord(
    String installation, SortedMap<String, String> labels, SortedMap<String, String> replaced) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public EnrollmentRecord {
    labels = new TreeMap<>(labels);
    replaced = new TreeMap<>(replaced);
  }

  static EnrollmentRecord of(
      String installation, Map<String, String> labels, Map<String, String> replaced) {
    return new EnrollmentRecord(installation, new TreeMap<>(labels), new TreeMap<>(replaced));
  }

  /** The record on {@code namespace}; an unreadable one counts as some other tool's. */
  public static Optional<EnrollmentRecord> readFrom(Namespace namespace) {
    Map<String, String> annotations = namespace.getMetadata().getAnnotations();
    String json = annotations == null ? null : annotations.get(AmbientLabels.ENROLLMENT_RECORD);
    if (json == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(json, EnrollmentRecord.class));
    } catch (JsonProcessingException unreadable) {
      return Optional.of(of("(unreadable)", Map.of(), Map.of()));
    }
  }

  /** Stable text: the same record always serializes the same, so a no-op needs no write. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  boolean isEmpty() {
    return labels.isEmpty() && replaced.isEmpty();
  }
}
