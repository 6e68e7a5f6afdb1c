package dev.meshoperator.adopt;

import dev.meshoperator.observe.ForeignOwner;
import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.render.IstioLabels;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import java.util.Optional;

/**
 * An istiod another tool installed, as adoption sees it.
 *
 * @param istiod its Deployment, as {@code namespace/name}
 * @param revision the revision it serves ({@code default} when it names none)
 * @param owner who installed it, for messages ("the Helm release istiod in istio-system")
 * @param uninstall the command that removes it, as its own tool would
 */
public record ForeignRevision(String istiod, String revision, String owner, String uninstall) {

  static ForeignRevision of(Deployment istiod) {
    ForeignOwner owner = ForeignOwner.of(istiod);
    String namespace = istiod.getMetadata().getNamespace();
    String key = namespace + "/" + istiod.getMetadata().getName();
    String revision = owner.revision().orElse(MeshPlan.DEFAULT_REVISION);
    return new ForeignRevision(
        key,
        revision,
        new ForeignOwner(owner.tool(), owner.release(), owner.releaseNamespace(), Optional.empty())
            .describe(),
        uninstall(owner, key, revision, namespace));
  }

  /** The operator never runs another tool's uninstall: it tells the user which one to run. */
  private static String uninstall(
      ForeignOwner owner, String key, String revision, String namespace) {
    return switch (owner.tool()) {
      case ForeignOwner.HELM ->
          owner
              .release()
              .map(r -> "helm uninstall " + r + " -n " + owner.releaseNamespace().orElse(namespace))
              .orElse("remove istiod " + key + " as it was installed (from upstream's charts)");
      case ForeignOwner.ISTIOCTL -> "istioctl uninstall --revision " + revision + " -y";
      default -> "remove istiod " + key + " as it was installed";
    };
  }

  /** "istiod istio-system/istiod (revision default) of the Helm release istiod in istio-system" */
  public String describe() {
    return "istiod " + istiod + " (revision " + revision + ") of " + owner;
  }

  /**
   * Whether a namespace with {@code labels} has its new pods injected by {@code revision}. As
   * Istio's webhooks decide: istio-injection wins over istio.io/rev (enabled is the default
   * revision, any other value no injection), and istio.io/rev counts only without it.
   */
  public static boolean selects(Map<String, String> labels, String revision) {
    String injection = labels.get(IstioLabels.INJECTION);
    if (injection != null) {
      return "enabled".equals(injection) && MeshPlan.DEFAULT_REVISION.equals(revision);
    }
    return revision.equals(labels.get(IstioLabels.REVISION));
  }

  /** The label by which a namespace selects a revision, as {@code key=value}. */
  static String selectingLabel(Map<String, String> labels) {
    String injection = labels.get(IstioLabels.INJECTION);
    return injection != null
        ? IstioLabels.INJECTION + "=" + injection
        : IstioLabels.REVISION + "=" + labels.get(IstioLabels.REVISION);
  }
}
