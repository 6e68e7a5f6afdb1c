package dev.meshoperator.adopt;

import dev.meshoperator.observe.ForeignOwner;
import dev.meshoperator.plan.MeshPlan;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * An istiod another tool installed, as adoption sees it.
 *
 * @param istiod its Deployment, as {@code namespace/name}
 * @param revision the revision it serves ({@code default} when it names none)
 * @param owner who installed it, for messages ("the Helm release istiod in istio-system")
 */
public record ForeignRevision(String istiod, String revision, String owner) {

  static ForeignRevision of(Deployment istiod) {
    ForeignOwner owner = ForeignOwner.of(istiod);
    return new ForeignRevision(
        istiod.getMetadata().getNamespace() + "/" + istiod.getMetadata().getName(),
        owner.revision().orElse(MeshPlan.DEFAULT_REVISION),
        new ForeignOwner(
                owner.tool(), owner.release(), owner.releaseNamespace(), java.util.Optional.empty())
            .describe());
  }

  /** "istiod istio-system/istiod (revision default) of the Helm release istiod in istio-system" */
  public String describe() {
    return "istiod " + istiod + " (revision " + revision + ") of " + owner;
  }
}
