package dev.meshoperator.render;

import java.util.List;
import java.util.regex.Pattern;

/** The items of a CEL list literal of strings, as the API's reserved-name rules write them. */
final class CelLists {

  private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

  private CelLists() {}

  /** {@code ['a', 'b']} as {@code [a, b]}. */
  static List<String> items(String celList) {
    return QUOTED.matcher(celList).results().map(m -> m.group(1)).toList();
  }
}
