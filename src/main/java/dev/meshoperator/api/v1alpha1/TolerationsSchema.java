package dev.meshoperator.api.v1alpha1;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;

/**
 * The schema of the tolerations in the CRD: core/v1 Tolerations with Kubernetes' bounds on their
 * strings, so the key is checked as the label key it is, and the list's rule stays within the API
 * server's CEL budget. The Java model keeps fabric8's type; only the generated schema comes from
 * here.
 */
final class TolerationsSchema extends ArrayList<TolerationsSchema.Item> {

  private TolerationsSchema() {}

  /** One toleration. */
  static final class Item {

    private Item() {}

    @Size(max = 317)
    @Pattern(KubernetesRules.OPTIONAL_QUALIFIED_NAME)
    public String key;

    @Size(max = 16)
    public String operator;

    @Size(max = 63)
    @Pattern(KubernetesRules.LABEL_VALUE)
    public String value;

    @Size(max = 32)
    public String effect;

    public Long tolerationSeconds;
  }
}
