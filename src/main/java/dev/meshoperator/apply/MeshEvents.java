package dev.meshoperator.apply;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.status.StatusEvents.MeshEvent;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Records the Events a status change deserves ({@link dev.meshoperator.status.StatusEvents}), once
 * per change and never per resync, for {@code kubectl describe} and event-based alerting. Events of
 * a cluster-scoped object live in the {@code default} namespace, by convention. An Event that
 * cannot be written is logged, never allowed to fail the reconcile.
 */
public final class MeshEvents {

  private static final Logger LOG = Logger.getLogger(MeshEvents.class);
  private static final String EVENTS_NAMESPACE = "default";
  private static final int MAX_MESSAGE = 1024;

  /**
   * Kubernetes' MicroTime: always six fraction digits. Instant.toString() drops trailing zeros
   * (".804Z" at a whole millisecond), which the API server refuses.
   */
  static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

  private MeshEvents() {}

  public static void record(
      KubernetesClient client, MeshInstallation mesh, List<MeshEvent> events, Instant now) {
    for (MeshEvent event : events) {
      try {
        client
            .v1()
            .events()
            .inNamespace(EVENTS_NAMESPACE)
            .resource(build(mesh, event, now))
            .create();
      } catch (KubernetesClientException e) {
        LOG.warnf(
            "could not record Event %s on %s: %s",
            event.reason(), mesh.getMetadata().getName(), e.getMessage());
      }
    }
  }

  /** The API server refuses an Event message over 1024 bytes; the condition keeps it all. */
  static String fitting(String message) {
    if (message == null || message.getBytes(StandardCharsets.UTF_8).length <= MAX_MESSAGE) {
      return message;
    }
    String suffix = " ... (see the status)";
    StringBuilder kept = new StringBuilder();
    int bytes = suffix.length();
    for (int i = 0; i < message.length(); ) {
      int codePoint = message.codePointAt(i);
      int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > MAX_MESSAGE) {
        break;
      }
      kept.appendCodePoint(codePoint);
      bytes += size;
      i += Character.charCount(codePoint);
    }
    return kept + suffix;
  }

  private static Event build(MeshInstallation mesh, MeshEvent event, Instant now) {
    String timestamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
    return new EventBuilder()
        .withNewMetadata()
        .withGenerateName(mesh.getMetadata().getName() + ".")
        .withNamespace(EVENTS_NAMESPACE)
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion(mesh.getApiVersion())
        .withKind(mesh.getKind())
        .withName(mesh.getMetadata().getName())
        .withUid(mesh.getMetadata().getUid())
        .withResourceVersion(mesh.getMetadata().getResourceVersion())
        .endInvolvedObject()
        .withType(event.warning() ? "Warning" : "Normal")
        .withReason(event.reason())
        .withMessage(fitting(event.message()))
        .withFirstTimestamp(timestamp)
        .withLastTimestamp(timestamp)
        .withEventTime(new MicroTime(MICRO_TIME.format(now)))
        .withCount(1)
        .withReportingComponent("mesh-operator")
        .withReportingInstance(System.getenv().getOrDefault("POD_NAME", "mesh-operator"))
        .withAction("Reconcile")
        .withNewSource()
        .withComponent("mesh-operator")
        .endSource()
        .build();
  }
}
