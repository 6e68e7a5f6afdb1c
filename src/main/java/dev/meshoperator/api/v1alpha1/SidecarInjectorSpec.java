package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sidecar injector's own policy (Istio's sidecarInjectorWebhook values): which pods of an
 * injected namespace it injects when a pod does not say so itself.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.alwaysInjectSelector) || size(self.alwaysInjectSelector) == 0"
            + " || (has(self.autoInject) && self.autoInject == 'disabled')",
    message =
        "alwaysInjectSelector takes effect only with autoInject: disabled; while injection is on"
            + " by default, every pod it could select is injected already",
    fieldPath = ".alwaysInjectSelector")
public class SidecarInjectorSpec {

  /** Whether pods of an injected namespace get a sidecar unless they say otherwise. */
  public enum AutoInject {
    @JsonProperty("enabled")
    ENABLED,
    @JsonProperty("disabled")
    DISABLED;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @JsonPropertyDescription(
      "The injector's policy in namespaces where injection is on (global.proxy.autoInject):"
          + " enabled injects every pod unless it opts out with sidecar.istio.io/inject=false or"
          + " matches neverInjectSelector; disabled injects only pods that opt in or match"
          + " alwaysInjectSelector. enabled when unset.")
  private AutoInject autoInject;

  @JsonPropertyDescription(
      "Pods matching any of these label selectors are injected without the"
          + " sidecar.istio.io/inject annotation, in namespaces where injection is on,"
          + " when autoInject is disabled (sidecarInjectorWebhook.alwaysInjectSelector). A pod's"
          + " sidecar.istio.io/inject annotation or label still wins.")
  @Size(max = 16)
  @ValidationRule(
      value = LabelSelectorsSchema.EXPRESSIONS,
      message = LabelSelectorsSchema.EXPRESSIONS_MESSAGE)
  @ValidationRule(
      value = LabelSelectorsSchema.NOT_EMPTY,
      message = LabelSelectorsSchema.NOT_EMPTY_MESSAGE)
  @ValidationRule(
      value = LabelSelectorsSchema.MATCH_LABELS,
      message = LabelSelectorsSchema.MATCH_LABELS_MESSAGE)
  @SchemaFrom(type = LabelSelectorsSchema.class)
  private List<LabelSelector> alwaysInjectSelector;

  @JsonPropertyDescription(
      "Pods matching any of these label selectors are not injected, in every namespace"
          + " where injection is on (sidecarInjectorWebhook.neverInjectSelector); they win over"
          + " alwaysInjectSelector. A"
          + " pod's sidecar.istio.io/inject annotation or label still wins.")
  @Size(max = 16)
  @ValidationRule(
      value = LabelSelectorsSchema.EXPRESSIONS,
      message = LabelSelectorsSchema.EXPRESSIONS_MESSAGE)
  @ValidationRule(
      value = LabelSelectorsSchema.NOT_EMPTY,
      message = LabelSelectorsSchema.NOT_EMPTY_MESSAGE)
  @ValidationRule(
      value = LabelSelectorsSchema.MATCH_LABELS,
      message = LabelSelectorsSchema.MATCH_LABELS_MESSAGE)
  @SchemaFrom(type = LabelSelectorsSchema.class)
  private List<LabelSelector> neverInjectSelector;

  /** A template's name as a pod's inject.istio.io/templates annotation lists it. */
  public static final String TEMPLATE_NAME = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  @JsonPropertyDescription(
      "Injection templates beside the release's own, by name (sidecarInjectorWebhook.templates):"
          + " Go templates istiod renders into a patch of the pod, as its built-in ones are. A pod"
          + " chooses them with its inject.istio.io/templates annotation (e.g. sidecar,my-template),"
          + " or gets defaultTemplates. A template named like a built-in one (sidecar, gateway,"
          + " waypoint, ...) replaces it. At most 16 of 16 KiB each: the injector's ConfigMap"
          + " holds them twice and must stay under Kubernetes' 1 MiB.")
  @Size(max = 16)
  @ValidationRule(
      value = "self.all(k, k.matches('" + TEMPLATE_NAME + "'))",
      message =
          "a template name must be lower-case letters, digits and '-', starting and ending with a"
              + " letter or digit, as a pod's inject.istio.io/templates annotation lists it")
  private Map<@Size(max = 63) String, @Size(max = 16384) String> templates;

  @JsonPropertyDescription(
      "The templates injected into a pod that does not name its own with inject.istio.io/templates"
          + " (sidecarInjectorWebhook.defaultTemplates), applied in this order; [sidecar] when"
          + " unset. Each is one of the release's templates or of templates.")
  @Size(min = 1, max = 8)
  private List<@Size(max = 63) @Pattern(TEMPLATE_NAME) String> defaultTemplates;

  public AutoInject getAutoInject() {
    return autoInject;
  }

  public void setAutoInject(AutoInject autoInject) {
    this.autoInject = autoInject;
  }

  public List<LabelSelector> getAlwaysInjectSelector() {
    return alwaysInjectSelector;
  }

  public void setAlwaysInjectSelector(List<LabelSelector> alwaysInjectSelector) {
    this.alwaysInjectSelector = alwaysInjectSelector;
  }

  public List<LabelSelector> getNeverInjectSelector() {
    return neverInjectSelector;
  }

  public void setNeverInjectSelector(List<LabelSelector> neverInjectSelector) {
    this.neverInjectSelector = neverInjectSelector;
  }

  public Map<String, String> getTemplates() {
    return templates;
  }

  public void setTemplates(Map<String, String> templates) {
    this.templates = templates;
  }

  public List<String> getDefaultTemplates() {
    return defaultTemplates;
  }

  public void setDefaultTemplates(List<String> defaultTemplates) {
    this.defaultTemplates = defaultTemplates;
  }
}
