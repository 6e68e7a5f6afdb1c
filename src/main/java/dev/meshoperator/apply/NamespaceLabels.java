package dev.meshoperator.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshoperator.ambient.AmbientLabels;
import dev.meshoperator.ambient.EnrollmentRecord;
import dev.meshoperator.ambient.EnrollmentState;
import dev.meshoperator.ambient.NamespaceDecision;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Carries out one namespace decision. The labels and the record are server-side applied without
 * force under the operator's field manager: applying a smaller set later removes exactly the fields
 * the operator owned, and a field someone else owns with another value is a conflict, not an
 * overwrite. Sidecar labels are not the operator's, so they are removed and put back by merge
 * patch, as the record says.
 */
public final class NamespaceLabels {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = Logger.getLogger(NamespaceLabels.class);

  private NamespaceLabels() {}

  /** A merge patch of labels; a null value removes the label. */
  private static String labelsPatch(Map<String, String> labels) {
    try {
      return JSON.writeValueAsString(Map.of("metadata", Map.of("labels", labels)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the writes of one pass came to: each decision as it ended, and the writes issued. */
  public record Written(List<NamespaceDecision> done, int writes) {}

  /**
   * Writes every decision that changes its namespace, side by side (each namespace is its own
   * object). A label another field manager owns with another value is a conflict (409): that
   * namespace ends as FieldConflict, the others go on.
   */
  public static Written writeAll(
      KubernetesClient client, List<NamespaceDecision> decisions, WritePool pool) {
    NamespaceDecision[] done = decisions.toArray(new NamespaceDecision[0]);
    AtomicInteger writes = new AtomicInteger();
    List<Runnable> pending = new ArrayList<>();
    for (int i = 0; i < done.length; i++) {
      NamespaceDecision decision = done[i];
      if (!decision.needsWrite()) {
        continue;
      }
      int index = i;
      pending.add(
          () -> {
            try {
              write(client, decision);
              writes.incrementAndGet();
            } catch (KubernetesClientException e) {
              if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
              }
              done[index] = conflict(decision, e);
            }
          });
    }
    pool.runAll(pending);
    return new Written(List.of(done), writes.get());
  }

  private static NamespaceDecision conflict(
      NamespaceDecision decision, KubernetesClientException e) {
    return new NamespaceDecision(
        decision.current(),
        EnrollmentState.CONFLICT,
        "FieldConflict",
        "another field manager owns a label the operator would set"
            + (e.getStatus() == null || e.getStatus().getMessage() == null
                ? ""
                : ": " + e.getStatus().getMessage()),
        decision.previous(),
        decision.previous());
  }

  static void write(KubernetesClient client, NamespaceDecision decision) {
    String name = decision.name();
    Map<String, String> labels =
        Objects.requireNonNullElse(decision.current().getMetadata().getLabels(), Map.of());
    Namespace applied =
        new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
    Map<String, String> restore = new LinkedHashMap<>();
    if (decision.desired().isPresent()) {
      EnrollmentRecord record = decision.desired().get();
      applied.getMetadata().setLabels(record.labels());
      applied
          .getMetadata()
          .setAnnotations(Map.of(AmbientLabels.ENROLLMENT_RECORD, record.toJson()));
      record.replaced().keySet().stream()
          .filter(labels::containsKey)
          .forEach(key -> restore.put(key, null));
    } else {
      decision.previous().stream()
          .flatMap(record -> record.replaced().entrySet().stream())
          .filter(e -> !labels.containsKey(e.getKey()))
          .forEach(e -> restore.put(e.getKey(), e.getValue()));
    }
    client.resource(applied).fieldManager(Applier.FIELD_MANAGER).serverSideApply();
    if (!restore.isEmpty()) {
      client
          .namespaces()
          .withName(name)
          .patch(PatchContext.of(PatchType.JSON_MERGE), labelsPatch(restore));
    }
    LOG.infof("namespace %s: %s (%s)", name, decision.state().display(), decision.reason());
  }
}
