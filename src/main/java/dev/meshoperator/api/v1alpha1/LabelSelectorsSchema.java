package dev.meshoperator.api.v1alpha1;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The schema of a list of label selectors in the CRD: meta/v1 LabelSelectors with Kubernetes' rules
 * on their keys, values and operators, bounded so the rules stay within the API server's CEL
 * budget. A selector Kubernetes would not parse is refused here, not by istiod at the first pod.
 * The Java model keeps fabric8's type; only the generated schema comes from here.
 */
final class LabelSelectorsSchema extends ArrayList<LabelSelectorsSchema.Selector> {

  private LabelSelectorsSchema() {}

  /** Each expression's operator with the values it needs (apimachinery's validation). */
  static final String EXPRESSIONS =
      "self.all(s, !has(s.matchExpressions) || s.matchExpressions.all(e,"
          + " (e.operator in ['In', 'NotIn'] && has(e.values) && size(e.values) > 0)"
          + " || (e.operator in ['Exists', 'DoesNotExist']"
          + " && (!has(e.values) || size(e.values) == 0))))";

  static final String EXPRESSIONS_MESSAGE =
      "a selector's expression needs operator In or NotIn with values, or Exists or DoesNotExist"
          + " without";

  /** Istio's injector skips a selector without terms: it would select nothing. */
  static final String NOT_EMPTY =
      "self.all(s, (has(s.matchLabels) && size(s.matchLabels) > 0)"
          + " || (has(s.matchExpressions) && size(s.matchExpressions) > 0))";

  static final String NOT_EMPTY_MESSAGE =
      "an empty selector would select no pod: give matchLabels or matchExpressions";

  static final String MATCH_LABELS =
      "self.all(s, !has(s.matchLabels) || (s.matchLabels.all(k, k.matches('"
          + KubernetesRules.QUALIFIED_NAME
          + "')) && s.matchLabels.all(k, s.matchLabels[k].matches('"
          + KubernetesRules.LABEL_VALUE
          + "'))))";

  static final String MATCH_LABELS_MESSAGE =
      "a selector's matchLabels need label keys and values: " + KubernetesRules.LABEL_KEYS_MESSAGE;

  /** One selector. */
  static final class Selector {

    private Selector() {}

    @Size(max = 32)
    public Map<@Size(max = 317) String, @Size(max = 63) String> matchLabels;

    @Size(max = 16)
    public List<Expression> matchExpressions;
  }

  /** One expression of a selector. */
  static final class Expression {

    private Expression() {}

    @Required
    @Size(max = 317)
    @Pattern(KubernetesRules.QUALIFIED_NAME)
    public String key;

    @Required
    @Size(max = 16)
    public String operator;

    @Size(max = 64)
    public List<@Size(max = 63) @Pattern(KubernetesRules.LABEL_VALUE) String> values;
  }
}
