package dev.meshoperator.crds;

import dev.meshoperator.observe.ForeignOwner;
import dev.meshoperator.render.IstioLabels;
import dev.meshoperator.render.OperatorLabels;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who installed one of Istio's CRDs, told from the marks each installer leaves on it: this
 * operator's managed-by label, Helm's release annotations and labels, istioctl's operator labels,
 * Sail's and OLM's labels. A CRD without any of them (applied by hand, or by Git) is {@link
 * Tool#NONE}.
 *
 * @param tool the installer
 * @param detail what names the installation, e.g. a Helm release {@code istio-system/istio-base};
 *     empty when nothing does
 * @param release the Istio or istio.io/api release it says the CRD is of; empty when it says none
 */
public record CrdManager(Tool tool, String detail, String release) {

  /** The installers told apart. */
  public enum Tool {
    MESH_OPERATOR("mesh-operator"),
    HELM("Helm"),
    ISTIOCTL("istioctl"),
    SAIL("Sail Operator"),
    OLM("OLM"),
    NONE("no installer");

    private final String shown;

    Tool(String shown) {
      this.shown = shown;
    }

    public String shown() {
      return shown;
    }
  }

  private static final String MANAGED_BY = OperatorLabels.MANAGED_BY;
  private static final String VERSION = IstioLabels.VERSION;
  static final String HELM_RELEASE = ForeignOwner.HELM_RELEASE;
  static final String HELM_NAMESPACE = ForeignOwner.HELM_NAMESPACE;
  static final String ISTIOCTL_MANAGED = ForeignOwner.ISTIOCTL_MANAGED;
  static final String ISTIOCTL_VERSION = "operator.istio.io/version";
  static final String ISTIOCTL_OWNER = ForeignOwner.ISTIOCTL_OWNER;
  static final String OLM_MANAGED = "olm.managed";

  /** The label keys that say who installed a CRD; the CRD cache keeps these only. */
  public static final Set<String> LABELS =
      Set.of(MANAGED_BY, VERSION, ISTIOCTL_MANAGED, ISTIOCTL_VERSION, ISTIOCTL_OWNER, OLM_MANAGED);

  /** The annotation keys that say who installed a CRD; the CRD cache keeps these only. */
  public static final Set<String> ANNOTATIONS = Set.of(HELM_RELEASE, HELM_NAMESPACE, VERSION);

  /** The installer of a CRD with {@code metadata}. */
  public static CrdManager of(ObjectMeta metadata) {
    Map<String, String> labels = Objects.requireNonNullElse(metadata.getLabels(), Map.of());
    Map<String, String> annotations =
        Objects.requireNonNullElse(metadata.getAnnotations(), Map.of());
    String managedBy = labels.getOrDefault(MANAGED_BY, "");
    String version = labels.getOrDefault(VERSION, annotations.getOrDefault(VERSION, ""));
    if (managedBy.equals(OperatorLabels.MANAGED_BY_VALUE)) {
      return new CrdManager(Tool.MESH_OPERATOR, "", version);
    }
    if (labels.containsKey(ISTIOCTL_MANAGED) || labels.containsKey(ISTIOCTL_OWNER)) {
      return new CrdManager(
          Tool.ISTIOCTL,
          labels.getOrDefault(ISTIOCTL_OWNER, ""),
          labels.getOrDefault(ISTIOCTL_VERSION, version));
    }
    if (annotations.containsKey(HELM_RELEASE) || managedBy.equals("Helm")) {
      String release =
          annotations.containsKey(HELM_RELEASE)
              ? annotations.getOrDefault(HELM_NAMESPACE, "") + "/" + annotations.get(HELM_RELEASE)
              : "";
      return new CrdManager(Tool.HELM, release, version);
    }
    if (managedBy.startsWith("sail")) {
      return new CrdManager(Tool.SAIL, "", version);
    }
    if (labels.containsKey(OLM_MANAGED)) {
      return new CrdManager(Tool.OLM, "", version);
    }
    return new CrdManager(Tool.NONE, "", version);
  }

  /** In words, e.g. {@code Helm release istio-system/istio-base (1.30.2)}. */
  public String describe() {
    StringBuilder text = new StringBuilder(tool.shown());
    if (!detail.isEmpty()) {
      text.append(tool == Tool.HELM ? " release " : " ").append(detail);
    }
    if (!release.isEmpty()) {
      text.append(" (").append(release).append(")");
    }
    return text.toString();
  }
}
