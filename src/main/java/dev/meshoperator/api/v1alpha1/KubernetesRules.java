package dev.meshoperator.api.v1alpha1;

/**
 * Kubernetes' own rules for values that end up in a rendered object, as schema patterns and CEL, so
 * that admission refuses them naming the user's field instead of the API server refusing a
 * Deployment the user never wrote. Each string is the rule Kubernetes applies to that kind of value
 * (apimachinery's validation), written without backslashes so it reads the same in CEL.
 */
final class KubernetesRules {

  private KubernetesRules() {}

  /**
   * A resource quantity (500m, 2Gi, 1e3, 1): the grammar of apimachinery's resource.Quantity, as
   * Kubernetes' CRD tooling writes it for a quantity field, without a sign: a container's requests
   * and limits are never negative.
   */
  static final String QUANTITY =
      "^\\+?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";

  /** A DNS subdomain: an object name such as a Secret's, a CSI driver's, a domain. */
  static final String DNS_SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** A DNS-subdomain prefix and its '/', in lower case. */
  private static final String PREFIX =
      "([a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)";

  /** The same prefix in either case: annotation keys are checked once lowercased. */
  private static final String ANY_CASE_PREFIX =
      "([a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?([.][a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)*/)";

  /** The name part of a key: up to 63 alphanumerics, '-', '_' and '.', alphanumeric at the ends. */
  private static final String NAME = "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";

  /** A label or annotation key: an optional DNS-subdomain prefix and a name of up to 63. */
  static final String QUALIFIED_NAME = "^" + PREFIX + "?" + NAME + "$";

  /** A toleration's key: empty (with Exists, any key) or a label key. */
  static final String OPTIONAL_QUALIFIED_NAME = "^(" + PREFIX + "?" + NAME + ")?$";

  /**
   * A label value: empty, or up to 63 alphanumerics, '-', '_' and '.', alphanumeric at the ends.
   */
  static final String LABEL_VALUE = "^(" + NAME + ")?$";

  /**
   * An environment variable name as every supported Kubernetes accepts it: 1.32 and later also take
   * other printable names, 1.30 and 1.31 refuse them, and the spec does not know its cluster.
   */
  static final String ENV_NAME = "^[-._a-zA-Z][-._a-zA-Z0-9]*$";

  /**
   * An annotation key: a qualified name once lowercased, as Kubernetes checks it, so the prefix may
   * have capitals.
   */
  static final String ANNOTATION_KEYS =
      "self.all(k, k.matches('^" + ANY_CASE_PREFIX + "?" + NAME + "$'))";

  static final String LABEL_KEYS = "self.all(k, k.matches('" + QUALIFIED_NAME + "'))";

  static final String LABEL_VALUES = "self.all(k, self[k].matches('" + LABEL_VALUE + "'))";

  static final String LABEL_KEYS_MESSAGE =
      "a label key must be a qualified name: an optional DNS-subdomain prefix and '/', then up to"
          + " 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends";

  static final String LABEL_VALUES_MESSAGE =
      "a label value must be empty or up to 63 alphanumerics, '-', '_' or '.', alphanumeric at"
          + " both ends";

  static final String ANNOTATION_KEYS_MESSAGE =
      "an annotation key must be a qualified name: an optional DNS-subdomain prefix and '/', then"
          + " up to 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends";

  static final String ENV_NAMES_MESSAGE =
      "an environment variable name must consist of letters, digits, '_', '-' or '.', and must"
          + " not start with a digit";

  static final String ENV_NAMES = "self.all(k, k.matches('" + ENV_NAME + "'))";

  /** Toleration operators and effects, and how they go together (core/v1 validation). */
  static final String TOLERATIONS =
      "self.all(t, (!has(t.operator) || t.operator in ['', 'Exists', 'Equal'])"
          + " && (!has(t.effect) || t.effect in ['', 'NoSchedule', 'PreferNoSchedule',"
          + " 'NoExecute'])"
          + " && (!has(t.operator) || t.operator != 'Exists' || !has(t.value) || t.value == '')"
          + " && ((has(t.key) && t.key != '') || (has(t.operator) && t.operator == 'Exists'))"
          + " && (!has(t.tolerationSeconds) || (has(t.effect) && t.effect == 'NoExecute')))";

  static final String TOLERATIONS_MESSAGE =
      "a toleration's operator must be Exists or Equal, its effect NoSchedule, PreferNoSchedule"
          + " or NoExecute; Exists takes no value, an empty key needs Exists, and"
          + " tolerationSeconds needs the NoExecute effect";
}
