package dev.meshoperator.adopt;

import java.util.Map;

/**
 * A label change the writer makes to one namespace, by merge patch: the injection labels are not
 * the operator's (a user, Helm or Git set them), so they are replaced rather than applied.
 *
 * @param namespace the namespace
 * @param labels the labels to set; a null value removes the label
 * @param movedFrom the label to record as where the namespace came from; null removes the record
 * @param movedBy the installation that moved it, recorded with {@code movedFrom}
 */
public record NamespaceRelabel(
    String namespace, Map<String, String> labels, String movedFrom, String movedBy) {

  /** The annotation that records the label a moved namespace had, to put it back on a rollback. */
  public static final String MOVED_FROM = "mesh.operator.dev/moved-from";

  /** The annotation that records which installation moved it: only that one moves it back. */
  public static final String MOVED_BY = "mesh.operator.dev/moved-by";
}
