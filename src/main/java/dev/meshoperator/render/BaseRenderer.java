package dev.meshoperator.render;

import dev.meshoperator.plan.MeshPlan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Istio's base component: its CRDs (upstream's, as the release's istio.io/api publishes them), the
 * reader ServiceAccount and the validating webhook that follows the default revision.
 */
public final class BaseRenderer {

  public static final String COMPONENT = "base";
  public static final String DEFAULT_VALIDATOR = "istiod-default-validator";

  private BaseRenderer() {}

  public static List<HasMetadata> render(MeshPlan plan) {
    if (!plan.baseEnabled()) {
      return List.of();
    }
    List<HasMetadata> objects = new ArrayList<>(plan.release().api().crds());
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
