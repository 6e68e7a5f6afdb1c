package dev.meshoperator.ambient;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Kubernetes label selector semantics, applied to objects already in a cache. */
final class LabelSelectors {

  private LabelSelectors() {}

  /** Whether {@code labels} satisfy {@code selector}; an empty selector matches everything. */
  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    Map<String, String> actual = Objects.requireNonNullElse(labels, Map.of());
    Map<String, String> required = Objects.requireNonNullElse(selector.getMatchLabels(), Map.of());
    if (!required.entrySet().stream().allMatch(e -> e.getValue().equals(actual.get(e.getKey())))) {
      return false;
    }
    List<LabelSelectorRequirement> expressions =
        Objects.requireNonNullElse(selector.getMatchExpressions(), List.of());
    return expressions.stream().allMatch(r -> matches(r, actual));
  }

  private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    List<String> values = Objects.requireNonNullElse(requirement.getValues(), List.of());
    return switch (requirement.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default ->
          throw new IllegalArgumentException(
              "unknown label selector operator " + requirement.getOperator());
    };
  }
}
