package dev.meshoperator.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshoperator.adopt.NamespaceRelabel;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Writes the label changes of a move off another tool's istiod. The injection labels belong to
 * whoever set them (a user, Helm, Git), so they are replaced by merge patch, not applied: a
 * server-side apply cannot remove a field another manager owns. The record of the old label goes in
 * the same patch, so a namespace is never moved without it.
 */
final class NamespaceMoves {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = Logger.getLogger(NamespaceMoves.class);

  private NamespaceMoves() {}

  /** Writes every change side by side (each namespace is its own object); returns the writes. */
  static int writeAll(KubernetesClient client, List<NamespaceRelabel> relabels, WritePool pool) {
    AtomicInteger writes = new AtomicInteger();
    List<Runnable> pending = new ArrayList<>();
    for (NamespaceRelabel relabel : relabels) {
      pending.add(
          () -> {
            client
                .namespaces()
                .withName(relabel.namespace())
                .patch(
                    new PatchContext.Builder()
                        .withPatchType(PatchType.JSON_MERGE)
                        .withFieldManager(Applier.FIELD_MANAGER)
                        .build(),
                    patch(relabel));
            writes.incrementAndGet();
            LOG.infof(
                "namespace %s: labels %s%s",
                relabel.namespace(),
                relabel.labels(),
                relabel.movedFrom() == null ? "" : " (moved from " + relabel.movedFrom() + ")");
          });
    }
    pool.runAll(pending);
    return writes.get();
  }

  private static String patch(NamespaceRelabel relabel) {
    Map<String, Object> metadata = new HashMap<>();
    if (!relabel.labels().isEmpty()) {
      metadata.put("labels", relabel.labels());
    }
    Map<String, String> annotations = new HashMap<>();
    annotations.put(NamespaceRelabel.MOVED_FROM, relabel.movedFrom());
    annotations.put(NamespaceRelabel.MOVED_BY, relabel.movedBy());
    metadata.put("annotations", annotations);
    try {
      return JSON.writeValueAsString(Map.of("metadata", metadata));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
