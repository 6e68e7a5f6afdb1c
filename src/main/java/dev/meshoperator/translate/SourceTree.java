package dev.meshoperator.translate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The document being translated, which remembers every part the translation took: whatever it did
 * not take is, by construction, reported as not carried over. Nothing is dropped in silence.
 */
final class SourceTree {

  /** A path's parts: a field name, or an index in brackets. */
  private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

  private final JsonNode root;
  private final Set<String> taken = new HashSet<>();

  SourceTree(JsonNode root) {
    this.root = root;
  }

  /**
   * The node at {@code path} (dotted, with indexes in brackets: {@code
   * spec.components.ingressGateways[0].name}), marked as taken; empty when absent or empty.
   */
  Optional<JsonNode> take(String path) {
    Optional<JsonNode> node = peek(path);
    node.ifPresent(n -> taken.add(path));
    return node;
  }

  /** The node at {@code path}, not marked: for reading a setting that another one decides. */
  Optional<JsonNode> peek(String path) {
    JsonNode node = root;
    Matcher segment = SEGMENT.matcher(path);
    while (node != null && segment.find()) {
      node =
          segment.group(1) != null
              ? node.get(segment.group(1))
              : node.get(Integer.parseInt(segment.group(2)));
    }
    return node == null || node.isNull() || isEmpty(node) ? Optional.empty() : Optional.of(node);
  }

  /** Marks {@code path} as taken without reading it (a value equal to what the operator does). */
  void accept(String path) {
    taken.add(path);
  }

  /**
   * Every setting below {@code path} that nothing took, by its path; empty values are left out, as
   * they set nothing.
   */
  List<String> leftOver(String path) {
    List<String> leaves = new ArrayList<>();
    peek(path).ifPresent(node -> collect(path, node, leaves));
    return leaves;
  }

  private void collect(String path, JsonNode node, List<String> leaves) {
    if (taken.contains(path) || isEmpty(node) || node.isNull()) {
      return;
    }
    // A block nothing read from is one setting to the user (an HPA's metrics, a strategy), and is
    // reported as one; a block partly read, or one that only groups settings (a k8s block, the
    // values of one chart), is reported by the settings left in it.
    if (!node.isContainerNode() || !(touched(path) || groupsSettings(path))) {
      leaves.add(path);
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        collect(path + "." + field.getKey(), field.getValue(), leaves);
      }
    } else {
      for (int i = 0; i < node.size(); i++) {
        collect(path + "[" + i + "]", node.get(i), leaves);
      }
    }
  }

  private static boolean groupsSettings(String path) {
    return path.endsWith(".k8s")
        || path.endsWith(".global")
        || path.matches("spec\\.(components|values)(\\.[^.\\[]+)?");
  }

  private boolean touched(String path) {
    return taken.stream().anyMatch(t -> t.startsWith(path + ".") || t.startsWith(path + "["));
  }

  private static boolean isEmpty(JsonNode node) {
    return (node.isContainerNode() && node.isEmpty())
        || (node.isTextual() && node.asText().isEmpty());
  }
}
