package dev.meshoperator.apply;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Records one Warning Event when the Reconciled condition turns False or changes its message, so
 * that {@code kubectl describe} and event-based alerting see a rejected spec once, not on every
 * resync. Events of a cluster-scoped object live in the {@code default} namespace, by convention.
 */
public final class RejectionEvents {

  private static final String EVENTS_NAMESPACE = "default";

  private RejectionEvents() {}

  public static void recordIfNew(
      KubernetesClient client,
      MeshInstallation mesh,
      Optional<Condition> before,
      Condition after,
      Instant now) {
    boolean unchanged =
        before.isPresent()
            && Objects.equals(before.get().getStatus(), after.getStatus())
            && Objects.equals(before.get().getReason(), after.getReason())
            && Objects.equals(before.get().getMessage(), after.getMessage());
    if (unchanged || "True".equals(after.getStatus())) {
      return;
    }
    String timestamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
    client
        .v1()
        .events()
        .inNamespace(EVENTS_NAMESPACE)
        .resource(
            new EventBuilder()
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
                .withType("Warning")
                .withReason(after.getReason())
                .withMessage(after.getMessage())
                .withFirstTimestamp(timestamp)
                .withLastTimestamp(timestamp)
                .withEventTime(new MicroTime(now.truncatedTo(ChronoUnit.MICROS).toString()))
                .withCount(1)
                .withReportingComponent("mesh-operator")
                .withReportingInstance(System.getenv().getOrDefault("HOSTNAME", "mesh-operator"))
                .withAction("Reconcile")
                .withNewSource()
                .withComponent("mesh-operator")
                .endSource()
                .build())
        .create();
  }
}
