package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * JSON patches on one object the installation renders, applied after rendering: the escape hatch
 * for a setting the typed API does not model. What the operator must own stays out of reach.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.namespace) || !(self.kind in ['MutatingWebhookConfiguration',"
            + " 'ValidatingWebhookConfiguration'])",
    message = "a cluster-scoped kind has no namespace",
    fieldPath = ".namespace")
public class OverlaySpec {

  /**
   * The kinds the operator renders from the installation that an overlay may patch. Istio's CRDs
   * are upstream's; RBAC is not offered: the operator may grant what it holds, and an overlay on a
   * role or binding would hand that to whoever writes a MeshInstallation.
   */
  static final String KINDS =
      "^(Deployment|DaemonSet|Service|ServiceAccount|ConfigMap|HorizontalPodAutoscaler"
          + "|PodDisruptionBudget|MutatingWebhookConfiguration|ValidatingWebhookConfiguration"
          + "|NetworkPolicy)$";

  /**
   * What the operator must own: the object's identity and owner, the labels it selects and finds
   * its objects by, a workload's selector, and the webhooks' client configs istiod patches.
   */
  private static final String OWNED_LIST =
      "['/kind', '/apiVersion', '/metadata', '/metadata/name', '/metadata/namespace',"
          + " '/metadata/labels', '/spec', '/spec/template', '/spec/template/metadata',"
          + " '/spec/template/metadata/labels']";

  static final String OWNED_PATHS =
      "self.all(p, !(p.path in "
          + OWNED_LIST
          + ") && !p.path.startsWith('/metadata/ownerReferences')"
          + " && !p.path.startsWith('/metadata/labels/mesh.operator.dev~1')"
          + " && !p.path.startsWith('/spec/selector')"
          + " && !p.path.matches('^/webhooks/[^/]+/clientConfig')"
          + " && (p.op != 'move' || (!(p.from in "
          + OWNED_LIST
          + ") && !p.from.startsWith('/metadata/ownerReferences')"
          + " && !p.from.startsWith('/metadata/labels/mesh.operator.dev~1')"
          + " && !p.from.startsWith('/spec/selector')"
          + " && !p.from.matches('^/webhooks/[^/]+/clientConfig'))))";

  @JsonPropertyDescription(
      "Kind of the rendered object: Deployment, DaemonSet, Service, ServiceAccount, ConfigMap,"
          + " HorizontalPodAutoscaler, PodDisruptionBudget, MutatingWebhookConfiguration,"
          + " ValidatingWebhookConfiguration or NetworkPolicy. RBAC objects are not patched.")
  @Required
  @Pattern(KINDS)
  private String kind;

  @JsonPropertyDescription(
      "Name of the rendered object, e.g. istiod; a trailing * matches every name it begins, e.g."
          + " istiod* for the istiod of every revision.")
  @Required
  @Size(max = 253)
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$|^([a-z0-9][-a-z0-9.]*)?[*]$")
  private String name;

  @JsonPropertyDescription(
      "Namespace of the rendered object; the control plane's when unset. Not for cluster-scoped"
          + " kinds.")
  @Size(max = 63)
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  private String namespace;

  @JsonPropertyDescription(
      "JSON patch operations (RFC 6902), applied in order. Paths the operator must own are"
          + " refused: the object's kind, name, namespace and owner references, the labels it"
          + " selects by, a workload's selector, webhook client configs.")
  @Required
  @Size(min = 1, max = 32)
  @ValidationRule(
      value = OWNED_PATHS,
      message =
          "a patch on what the operator must own (kind, name, namespace, owner references,"
              + " its mesh.operator.dev labels, the labels or selector a workload selects by,"
              + " webhook client configs) is refused")
  private List<PatchOperationSpec> patches;

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public List<PatchOperationSpec> getPatches() {
    return patches;
  }

  public void setPatches(List<PatchOperationSpec> patches) {
    this.patches = patches;
  }
}
