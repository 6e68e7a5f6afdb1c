package dev.meshoperator.render;

import dev.meshoperator.plan.MeshPlan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Istio's base component: its CRDs, the reader ServiceAccount and the validating webhook that
 * follows the default revision.
 */
public final class BaseRenderer {

  public static final String COMPONENT = "base";
  static final String DEFAULT_VALIDATOR = "istiod-default-validator";

  private BaseRenderer() {}

  /** Names of the CRDs Istio's {@code line} needs; istiod fails without them. */
  public static List<String> crdNames(dev.meshoperator.catalog.MinorVersion line) {
    return IstioCrds.forLine(line).stream().map(IstioCrds.Definition::name).toList();
  }

  public static List<HasMetadata> render(MeshPlan plan) {
    if (!plan.baseEnabled()) {
      return List.of();
    }
    List<HasMetadata> objects = new ArrayList<>(crds(plan.release().line()));
    objects.add(
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName("istio-reader-service-account")
            .withNamespace(plan.namespace())
            .addToLabels(IstioLabels.APP, "istio-reader")
            .addToLabels(IstioLabels.APP_NAME, "istio-reader")
            .endMetadata()
            .build());
    if (plan.isDefaultRevision()) {
      objects.add(defaultValidator(plan));
    }
    return objects;
  }

  /** Istio's CRDs of {@code line}, unlabelled. */
  static List<CustomResourceDefinition> crds(dev.meshoperator.catalog.MinorVersion line) {
    return IstioCrds.forLine(line).stream().map(BaseRenderer::crd).toList();
  }

  /**
   * A structural schema that accepts every field. Istio's full schemas are generated from its
   * protos; istiod's validating webhook checks the same objects, so the mesh still rejects bad
   * config. See docs/fidelity.md.
   */
  private static CustomResourceDefinition crd(IstioCrds.Definition d) {
    List<CustomResourceDefinitionVersion> versions = new ArrayList<>();
    for (String version : d.versions()) {
      versions.add(
          new CustomResourceDefinitionVersionBuilder()
              .withName(version)
              .withServed(true)
              .withStorage(version.equals(d.versions().get(0)))
              .withNewSubresources()
              .withNewStatus()
              .endStatus()
              .endSubresources()
              .withNewSchema()
              .withNewOpenAPIV3Schema()
              .withType("object")
              .withXKubernetesPreserveUnknownFields(true)
              .endOpenAPIV3Schema()
              .endSchema()
              .build());
    }
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName(d.name())
        .addToLabels(IstioLabels.APP, "istio-pilot")
        .endMetadata()
        .withNewSpec()
        .withGroup(d.group())
        .withScope("Namespaced")
        .withNewNames()
        .withKind(d.kind())
        .withListKind(d.kind() + "List")
        .withPlural(d.plural())
        .withSingular(d.kind().toLowerCase(java.util.Locale.ROOT))
        .withShortNames(d.shortNames())
        .withCategories(d.categories())
        .endNames()
        .withVersions(versions)
        .endSpec()
        .build();
  }

  /** Validation of Istio config for the whole cluster, served by {@code plan}'s istiod. */
  static HasMetadata defaultValidator(MeshPlan plan) {
    return new ValidatingWebhookConfigurationBuilder()
        .withNewMetadata()
        .withName(DEFAULT_VALIDATOR)
        .addToLabels(IstioLabels.APP, "istiod")
        .addToLabels(IstioLabels.ISTIO, "istiod")
        .addToLabels(IstioLabels.REVISION, plan.revision())
        .addToLabels(IstioLabels.APP_NAME, "istiod")
        .endMetadata()
        .addToWebhooks(IstiodWebhooks.validation("validation.istio.io", plan, null))
        .build();
  }
}
