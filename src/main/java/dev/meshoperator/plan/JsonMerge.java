package dev.meshoperator.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** Deep merge of JSON objects, as Helm merges values: objects merge, everything else replaces. */
public final class JsonMerge {

  private JsonMerge() {}

  /** Returns a copy of {@code base} with {@code overlay} merged on top; neither is changed. */
  public static ObjectNode merge(ObjectNode base, JsonNode overlay) {
    ObjectNode result = base.deepCopy();
    if (overlay == null || !overlay.isObject()) {
      return result;
    }
    mergeInto(result, (ObjectNode) overlay);
    return result;
  }

  private static void mergeInto(ObjectNode target, ObjectNode overlay) {
    Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = target.get(field.getKey());
      if (existing != null && existing.isObject() && field.getValue().isObject()) {
        mergeInto((ObjectNode) existing, (ObjectNode) field.getValue());
      } else {
        target.set(field.getKey(), field.getValue().deepCopy());
      }
    }
  }
}
