package dev.meshoperator.adopt;

import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.render.BaseRenderer;
import dev.meshoperator.render.IstiodRenderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How an installation stands beside istiods another tool installed: alone, or beside them. Beside
 * them it leaves the default revision tag and the default validator (which serve the whole mesh:
 * every namespace labelled istio-injection=enabled, every Istio config) with the other install, so
 * that a namespace is never injected by two revisions at once, until they are handed over.
 *
 * @param foreign the other tools' istiods, in a stable order
 * @param leavesDefault whether the default tag and validator stay with the other install: true
 *     beside one, unless this installation already held them before it appeared
 */
public record Coexistence(List<ForeignRevision> foreign, boolean leavesDefault) {

  public static final Coexistence ALONE = new Coexistence(List.of(), false);

  public boolean beside() {
    return !foreign.isEmpty();
  }

  /** The same, with the default tag and validator handed over to this installation. */
  public Coexistence handedOver() {
    return new Coexistence(foreign, false);
  }

  /** Whether {@code object} is one of the mesh-wide pieces this installation leaves alone. */
  public boolean leftToForeign(HasMetadata object, String namespace) {
    return leavesDefault && isDefaultPiece(object, namespace);
  }

  /**
   * Whether {@code object} is the default tag (its webhooks or Service) or the default validator.
   */
  public boolean isDefaultPiece(HasMetadata object, String namespace) {
    String name = object.getMetadata().getName();
    return (object instanceof ValidatingWebhookConfiguration
            && BaseRenderer.DEFAULT_VALIDATOR.equals(name))
        || (object instanceof MutatingWebhookConfiguration
            && IstiodRenderer.tagWebhookName(MeshPlan.DEFAULT_REVISION, namespace).equals(name))
        || (object instanceof Service
            && namespace.equals(object.getMetadata().getNamespace())
            && IstiodRenderer.tagServiceName(MeshPlan.DEFAULT_REVISION).equals(name));
  }

  /** One sentence for the installation's condition: what runs beside what, and what stays. */
  public String describe(String revision) {
    String others =
        foreign.stream().map(ForeignRevision::describe).collect(Collectors.joining("; "));
    if (leavesDefault && MeshPlan.DEFAULT_REVISION.equals(revision)) {
      return "this installation runs no istiod beside "
          + others
          + "; the default revision tag and "
          + BaseRenderer.DEFAULT_VALIDATOR
          + " stay with it";
    }
    return "revision "
        + revision
        + " runs beside "
        + others
        + (leavesDefault
            ? "; the default revision tag and "
                + BaseRenderer.DEFAULT_VALIDATOR
                + " stay with it, so namespaces labelled istio-injection=enabled keep their"
                + " istiod. Label a namespace istio.io/rev="
                + revision
                + " and restart its workloads to move it (docs/migration.md)"
            : "; this installation keeps serving the default (namespaces labelled"
                + " istio-injection=enabled)"
                + (foreign.stream().anyMatch(f -> MeshPlan.DEFAULT_REVISION.equals(f.revision()))
                    ? ", and so does the other istiod of revision default: their new pods are"
                        + " injected by both, so remove one of the two installs"
                    : ""));
  }
}
