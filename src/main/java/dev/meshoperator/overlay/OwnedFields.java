package dev.meshoperator.overlay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What an overlay must leave as the operator rendered it, checked on the patched object: admission
 * refuses the obvious paths, but a patch may still reach them (a test-then-remove of one template
 * label, a move out of the selector's labels), so the result is held against the original.
 */
final class OwnedFields {

  /** Identity, owner, and what a workload and its Service select by. */
  private static final List<String> UNCHANGED =
      List.of(
          "/kind",
          "/apiVersion",
          "/metadata/name",
          "/metadata/namespace",
          "/metadata/ownerReferences",
          "/spec/selector");

  private OwnedFields() {}

  static void requireUnchanged(JsonNode before, JsonNode after, String at, String object) {
    for (String pointer : UNCHANGED) {
      if (!before.at(pointer).equals(after.at(pointer))) {
        throw Overlays.refused(
            at + ".patches change " + pointer + " of " + object + ", which the operator owns");
      }
    }
    requireLabelsKept(
        before.at("/metadata/labels"), after.at("/metadata/labels"), at, object, "labels");
    requireLabelsKept(
        before.at("/spec/template/metadata/labels"),
        after.at("/spec/template/metadata/labels"),
        at,
        object,
        "pod template labels");
    JsonNode webhooks = before.path("webhooks");
    for (int i = 0; i < webhooks.size(); i++) {
      if (!webhooks
          .get(i)
          .path("clientConfig")
          .equals(after.at("/webhooks/" + i + "/clientConfig"))) {
        throw Overlays.refused(
            at + ".patches change a webhook's clientConfig of " + object + ", which istiod owns");
      }
    }
  }

  /** Labels may be added or changed, but none the operator set may go or change. */
  private static void requireLabelsKept(
      JsonNode before, JsonNode after, String at, String object, String what) {
    for (Iterator<Map.Entry<String, JsonNode>> it = before.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> label = it.next();
      if (!label.getValue().equals(after.path(label.getKey()))) {
        throw Overlays.refused(
            at
                + ".patches change or remove the "
                + what.substring(0, what.length() - 1)
                + " "
                + label.getKey()
                + " of "
                + object
                + ", which the operator selects by");
      }
    }
  }
}
