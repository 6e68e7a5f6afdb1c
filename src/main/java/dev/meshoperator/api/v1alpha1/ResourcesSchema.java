package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;

/**
 * The schema of a container's resources in the CRD: core/v1 ResourceRequirements with Kubernetes'
 * quantity grammar on every value, so "cpu: lots" is refused at admission naming the field. The
 * Java model keeps fabric8's type; only the generated schema comes from here. Dynamic resource
 * claims are left out: a container's claim must name one of its pod's, which nothing here sets. The
 * grammar is a pattern on the int-or-string values (as Kubernetes' own CRD tooling writes it),
 * which costs nothing of the API server's CEL budget; the generator takes no pattern on an
 * int-or-string type, so {@link QuantityPattern} sets it.
 */
@SchemaCustomizer(value = ResourcesSchema.QuantityPattern.class, input = "")
final class ResourcesSchema {

  private ResourcesSchema() {}

  @JsonPropertyDescription("Most of each resource the container may use, e.g. cpu: 2, memory: 1Gi.")
  @Size(max = 16)
  public Map<@Size(max = 253) String, IntOrString> limits;

  @JsonPropertyDescription("Resources reserved for the container, e.g. cpu: 100m, memory: 128Mi.")
  @Size(max = 16)
  public Map<@Size(max = 253) String, IntOrString> requests;

  /** Puts Kubernetes' quantity grammar on the values of limits and requests. */
  public static final class QuantityPattern implements SchemaCustomizer.Customizer {

    @Override
    public JSONSchemaProps apply(
        JSONSchemaProps schema, String input, KubernetesSerialization serialization) {
      for (String field : List.of("limits", "requests")) {
        schema
            .getProperties()
            .get(field)
            .getAdditionalProperties()
            .getSchema()
            .setPattern(KubernetesRules.QUANTITY);
      }
      return schema;
    }
  }
}
