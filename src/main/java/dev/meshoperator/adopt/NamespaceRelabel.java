package dev.meshoperator.adopt;

import java.util.Map;

/**
 * A label change the writer makes to one namespace, by merge patch: the injection labels are not
 * the operator's (a user, Helm or Git set them), so they are replaced rather than applied.
 *
 * @param namespace the namespace
 * @param labels the labels to set; a null value removes the label
 * @param movedFrom the label to record as where the namespace came from; null removes the record
 */
public record NamespaceRelabel(String namespace, Map<String, String> labels, String movedFrom) {

  /** The annotation that records the label a moved namespace had, to put it back on a rollback. */
  public static final String MOVED_FROM = "mesh.operator.dev/moved-from";
}
