package dev.meshoperator.api.v1alpha1;

import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * What kubectl explain says of the resource and of its spec. The CRD generator takes descriptions
 * from fields, and the spec field is CustomResource's, so both are set here, when the CRD is
 * generated (never at run time).
 */
public final class ExplainDescriptions implements SchemaCustomizer.Customizer {

  static final String RESOURCE =
      "One Istio service mesh, installed and upgraded by mesh-operator: Istio's CRDs, istiod per"
          + " revision, the ambient node agents, gateways and waypoints, for the version and"
          + " profile in spec. status tells what runs (version, revisions, components), whether the"
          + " current spec was taken (condition Reconciled) and whether the mesh works (Ready).";

  static final String SPEC =
      "The mesh asked for: version, profile, control-plane namespace, update strategy,"
          + " per-component settings, mesh config and ambient enrollment. The operator never"
          + " writes to it.";

  @Override
  public JSONSchemaProps apply(
      JSONSchemaProps schema, String input, KubernetesSerialization serialization) {
    schema.setDescription(RESOURCE);
    JSONSchemaProps spec = schema.getProperties().get("spec");
    if (spec != null) {
      spec.setDescription(SPEC);
    }
    return schema;
  }
}
