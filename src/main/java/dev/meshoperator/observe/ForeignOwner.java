package dev.meshoperator.observe;

import dev.meshoperator.render.IstioLabels;
import dev.meshoperator.render.OperatorLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who made an object this operator did not, as far as its labels and annotations say: a Helm
 * release (Helm's own annotations), an istioctl install (the {@code operator.istio.io/managed}
 * label istioctl stamps), something rendered from upstream's charts, or another tool; and the Istio
 * revision it serves. Told to the user so that a report or a blocker names what to uninstall or
 * move, not only the object in the way.
 *
 * @param tool Helm, istioctl or unknown
 * @param release the Helm release, or the IstioOperator istioctl installed, when known
 * @param releaseNamespace the Helm release's namespace, when known
 * @param revision the istio.io/rev label, when set
 */
public record ForeignOwner(
    String tool,
    Optional<String> release,
    Optional<String> releaseNamespace,
    Optional<String> revision) {

  public static final String HELM = "Helm";
  public static final String ISTIOCTL = "istioctl";
  public static final String UNKNOWN = "unknown";

  public static final String HELM_RELEASE = "meta.helm.sh/release-name";
  public static final String HELM_NAMESPACE = "meta.helm.sh/release-namespace";
  private static final String MANAGED_BY = OperatorLabels.MANAGED_BY;
  public static final String ISTIOCTL_OWNER = "install.operator.istio.io/owning-resource";
  public static final String ISTIOCTL_MANAGED = "operator.istio.io/managed";
  private static final String REVISION = IstioLabels.REVISION;

  public static ForeignOwner of(HasMetadata object) {
    Map<String, String> labels =
        Objects.requireNonNullElse(object.getMetadata().getLabels(), Map.of());
    Map<String, String> annotations =
        Objects.requireNonNullElse(object.getMetadata().getAnnotations(), Map.of());
    Optional<String> revision = Optional.ofNullable(labels.get(REVISION));
    // Helm's annotations first: upstream's charts put managed-by "Helm" on what istioctl renders
    // from them too, so only the label istioctl adds itself tells its installs apart.
    if (annotations.containsKey(HELM_RELEASE)) {
      return new ForeignOwner(
          HELM,
          Optional.of(annotations.get(HELM_RELEASE)),
          Optional.ofNullable(annotations.get(HELM_NAMESPACE)),
          revision);
    }
    if (labels.containsKey(ISTIOCTL_MANAGED)) {
      return new ForeignOwner(
          ISTIOCTL,
          Optional.ofNullable(labels.get(ISTIOCTL_OWNER)).filter(r -> !r.equals(UNKNOWN)),
          Optional.empty(),
          revision);
    }
    if (HELM.equals(labels.get(MANAGED_BY))) {
      // Rendered from upstream's charts (helm template, kubectl apply): no release to name.
      return new ForeignOwner(HELM, Optional.empty(), Optional.empty(), revision);
    }
    return new ForeignOwner(UNKNOWN, Optional.empty(), Optional.empty(), revision);
  }

  /** "the Helm release istiod in istio-system (revision canary)", "an istioctl install", ... */
  public String describe() {
    String owner =
        switch (tool) {
          case HELM ->
              release
                  .map(
                      r ->
                          "the Helm release "
                              + r
                              + releaseNamespace.map(n -> " in " + n).orElse(""))
                  .orElse("a Helm release");
          case ISTIOCTL -> "an istioctl install" + release.map(r -> " (" + r + ")").orElse("");
          default -> "another tool";
        };
    return revision.map(r -> owner + " (revision " + r + ")").orElse(owner);
  }
}
