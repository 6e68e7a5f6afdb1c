package dev.meshoperator.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The paths of the fields two versions of an object differ in, as a reviewer reads them: {@code
 * spec.template.spec.containers[discovery].image}, {@code metadata.labels['istio.io/rev']}. List
 * items that carry a name are matched by it; other lists are compared whole.
 */
final class FieldDiff {

  static final int MAX_FIELDS = 20;

  /** Bookkeeping the API server changes on every write; never what a reviewer asks about. */
  private static final List<String> IGNORED_METADATA =
      List.of("managedFields", "resourceVersion", "generation", "creationTimestamp", "uid");

  private FieldDiff() {}

  static List<String> between(HasMetadata before, HasMetadata after) {
    List<String> paths = new ArrayList<>();
    diff("", comparable(before), comparable(after), paths);
    return paths.size() > MAX_FIELDS ? List.copyOf(paths.subList(0, MAX_FIELDS)) : paths;
  }

  private static JsonNode comparable(HasMetadata object) {
    ObjectNode tree = Serialization.jsonMapper().valueToTree(object);
    tree.remove("status");
    JsonNode metadata = tree.get("metadata");
    if (metadata instanceof ObjectNode meta) {
      IGNORED_METADATA.forEach(meta::remove);
    }
    return tree;
  }

  private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
    if (Objects.equals(a, b)) {
      return;
    }
    if (a != null && b != null && a.isObject() && b.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        diff(child(path, key), a.get(key), b.get(key), out);
      }
      return;
    }
    if (a != null && b != null && a.isArray() && b.isArray() && named(a) && named(b)) {
      Map<String, JsonNode> before = byName(a);
      Map<String, JsonNode> after = byName(b);
      TreeSet<String> names = new TreeSet<>(before.keySet());
      names.addAll(after.keySet());
      for (String name : names) {
        diff(path + "[" + name + "]", before.get(name), after.get(name), out);
      }
      return;
    }
    out.add(path.isEmpty() ? "." : path);
  }

  private static String child(String path, String key) {
    String segment = key.matches("[A-Za-z0-9_-]+") ? key : "['" + key + "']";
    if (path.isEmpty()) {
      return segment;
    }
    return segment.startsWith("[") ? path + segment : path + "." + segment;
  }

  private static boolean named(JsonNode list) {
    if (list.isEmpty()) {
      return false;
    }
    for (JsonNode item : list) {
      if (!item.isObject() || !item.path("name").isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, JsonNode> byName(JsonNode list) {
    Map<String, JsonNode> items = new LinkedHashMap<>();
    for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
      JsonNode item = it.next();
      items.put(item.get("name").asText(), item);
    }
    return items;
  }
}
