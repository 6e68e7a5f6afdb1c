package dev.meshoperator.render;

import dev.meshoperator.plan.MeshPlan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * istiod's admission webhooks: sidecar injection (by namespace or pod label, per revision) and
 * validation of Istio config. caBundle is left to istiod, which patches it in at start; the
 * operator never owns that field, so the two never fight over it.
 */
final class IstiodWebhooks {

  /** The API groups of Istio's config, which istiod validates. */
  private static final List<String> CONFIG_GROUPS =
      List.of(
          "security.istio.io", "networking.istio.io", "telemetry.istio.io", "extensions.istio.io");

  // The API server's defaults, written out: server-side apply compares list items whole, so a
  // defaulted field we left out would look like drift on every reconcile.
  private static final String ANY_SCOPE = "*";
  private static final String MATCH_POLICY = "Equivalent";
  private static final int TIMEOUT_SECONDS = 10;

  private static final String NOT_IN = "NotIn";
  private static final String IN = "In";
  private static final String DOES_NOT_EXIST = "DoesNotExist";

  private IstiodWebhooks() {}

  static HasMetadata injector(MeshPlan plan) {
    String rev = plan.revision();
    List<MutatingWebhook> webhooks = new ArrayList<>(byRevisionLabel(plan, rev));
    if (plan.isDefaultRevision()) {
      webhooks.addAll(legacy(plan));
    }
    String namespaceSuffix = "istio-system".equals(plan.namespace()) ? "" : "-" + plan.namespace();
    return new MutatingWebhookConfigurationBuilder()
        .withNewMetadata()
        .withName("istio-sidecar-injector" + plan.revisionSuffix() + namespaceSuffix)
        .addToLabels(IstioLabels.REVISION, rev)
        .addToLabels(IstioLabels.OPERATOR_COMPONENT, "Pilot")
        .addToLabels(IstioLabels.APP, "sidecar-injector")
        .addToLabels(IstioLabels.APP_NAME, "istiod")
        .endMetadata()
        .withWebhooks(webhooks)
        .build();
  }

  /**
   * A revision tag, as {@code istioctl tag set} makes it: namespaces and pods that name the tag
   * (and, for the default tag, those with istio-injection=enabled or sidecar.istio.io/inject=true)
   * are injected by the revision the tag points at. Moving a tag rewrites this one object.
   */
  static HasMetadata tag(MeshPlan target, String tag) {
    List<MutatingWebhook> webhooks = new ArrayList<>(byRevisionLabel(target, tag));
    if (MeshPlan.DEFAULT_REVISION.equals(tag)) {
      webhooks.addAll(legacy(target));
    }
    return new MutatingWebhookConfigurationBuilder()
        .withNewMetadata()
        .withName(tagName(tag, target.namespace()))
        .addToLabels(TAG, tag)
        .addToLabels(IstioLabels.REVISION, target.revision())
        .addToLabels(IstioLabels.OPERATOR_COMPONENT, "Pilot")
        .addToLabels(IstioLabels.APP, "sidecar-injector")
        .addToLabels(IstioLabels.APP_NAME, "istiod")
        .endMetadata()
        .withWebhooks(webhooks)
        .build();
  }

  /** The webhook configuration name of a revision tag. */
  public static String tagName(String tag, String namespace) {
    return "istio-revision-tag-" + tag + ("istio-system".equals(namespace) ? "" : "-" + namespace);
  }

  static final String TAG = "istio.io/tag";

  static HasMetadata validator(MeshPlan plan) {
    return new ValidatingWebhookConfigurationBuilder()
        .withNewMetadata()
        .withName("istio-validator" + plan.revisionSuffix() + "-" + plan.namespace())
        .addToLabels(IstioLabels.APP, "istiod")
        .addToLabels(IstioLabels.ISTIO, "istiod")
        .addToLabels(IstioLabels.REVISION, plan.revision())
        .addToLabels(IstioLabels.APP_NAME, "istiod")
        .endMetadata()
        .addToWebhooks(
            validation(
                "rev.validation.istio.io",
                plan,
                selector(expr(IstioLabels.REVISION, IN, plan.revision()))))
        .build();
  }

  /**
   * Validation of Istio config by this revision's istiod. Ignore on failure, as upstream installs
   * it: istiod switches it to Fail itself once it serves, so a fresh mesh is not blocked meanwhile.
   */
  static ValidatingWebhook validation(String name, MeshPlan plan, LabelSelector objectSelector) {
    return new ValidatingWebhookBuilder()
        .withName(name)
        .withNewClientConfig()
        .withNewService()
        .withName(plan.istiodName())
        .withNamespace(plan.namespace())
        .withPath("/validate")
        .endService()
        .endClientConfig()
        .addNewRule()
        .withOperations("CREATE", "UPDATE")
        .withApiGroups(CONFIG_GROUPS)
        .withApiVersions("*")
        .withResources("*")
        .withScope(ANY_SCOPE)
        .endRule()
        .withFailurePolicy("Ignore")
        .withSideEffects("None")
        .withAdmissionReviewVersions("v1")
        .withMatchPolicy(MATCH_POLICY)
        .withTimeoutSeconds(TIMEOUT_SECONDS)
        .withNamespaceSelector(new LabelSelector())
        .withObjectSelector(objectSelector == null ? new LabelSelector() : objectSelector)
        .build();
  }

  /**
   * Injection by {@code plan}'s istiod for namespaces and pods whose istio.io/rev names {@code
   * value} (a revision, or a tag pointing at it), unless the pod opts out.
   */
  private static List<MutatingWebhook> byRevisionLabel(MeshPlan plan, String value) {
    return List.of(
        // A namespace labelled with the value.
        injection(
            "rev.namespace.",
            plan,
            selector(
                expr(IstioLabels.REVISION, IN, value), expr(IstioLabels.INJECTION, DOES_NOT_EXIST)),
            selector(expr(IstioLabels.SIDECAR_INJECT, NOT_IN, "false"))),
        // An unlabelled namespace, and a pod that names the value.
        injection(
            "rev.object.",
            plan,
            selector(
                expr(IstioLabels.REVISION, DOES_NOT_EXIST),
                expr(IstioLabels.INJECTION, DOES_NOT_EXIST)),
            selector(
                expr(IstioLabels.SIDECAR_INJECT, NOT_IN, "false"),
                expr(IstioLabels.REVISION, IN, value))));
  }

  /** The webhooks of the default revision or tag that predate revisions. */
  private static List<MutatingWebhook> legacy(MeshPlan plan) {
    return List.of(
        // The legacy istio-injection=enabled namespace label.
        injection(
            "namespace.",
            plan,
            selector(expr(IstioLabels.INJECTION, IN, "enabled")),
            selector(expr(IstioLabels.SIDECAR_INJECT, NOT_IN, "false"))),
        // A pod labelled sidecar.istio.io/inject=true in an unlabelled namespace.
        injection(
            "object.",
            plan,
            selector(
                expr(IstioLabels.INJECTION, DOES_NOT_EXIST),
                expr(IstioLabels.REVISION, DOES_NOT_EXIST)),
            selector(
                expr(IstioLabels.SIDECAR_INJECT, IN, "true"),
                expr(IstioLabels.REVISION, DOES_NOT_EXIST))));
  }

  private static MutatingWebhook injection(
      String prefix, MeshPlan plan, LabelSelector namespaces, LabelSelector objects) {
    return new MutatingWebhookBuilder()
        .withName(prefix + "sidecar-injector.istio.io")
        .withNewClientConfig()
        .withNewService()
        .withName(plan.istiodName())
        .withNamespace(plan.namespace())
        .withPath("/inject")
        .withPort(IstioPorts.WEBHOOK_SERVICE)
        .endService()
        .endClientConfig()
        .withSideEffects("None")
        .addNewRule()
        .withOperations("CREATE")
        .withApiGroups("")
        .withApiVersions("v1")
        .withResources("pods")
        .withScope(ANY_SCOPE)
        .endRule()
        .withFailurePolicy("Fail")
        .withReinvocationPolicy("Never")
        .withAdmissionReviewVersions("v1")
        .withMatchPolicy(MATCH_POLICY)
        .withTimeoutSeconds(TIMEOUT_SECONDS)
        .withNamespaceSelector(namespaces)
        .withObjectSelector(objects)
        .build();
  }

  private static LabelSelector selector(LabelSelectorRequirement... requirements) {
    return new LabelSelectorBuilder().withMatchExpressions(requirements).build();
  }

  private static LabelSelectorRequirement expr(String key, String operator, String... values) {
    return new LabelSelectorRequirementBuilder()
        .withKey(key)
        .withOperator(operator)
        .withValues(values)
        .build();
  }
}
