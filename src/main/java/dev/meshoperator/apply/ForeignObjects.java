package dev.meshoperator.apply;

import dev.meshoperator.observe.ClusterSnapshot;
import dev.meshoperator.observe.ForeignOwner;
import dev.meshoperator.plan.InvalidSpecException;
import dev.meshoperator.render.BaseRenderer;
import dev.meshoperator.render.DesiredState;
import dev.meshoperator.render.OperatorLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Objects the installation would write but another tool made (a Helm or istioctl install of Istio):
 * server-side apply with force would silently take them over, and pruning would later delete them.
 * Webhook configurations are always looked at, since they carry the injection and validation of a
 * running mesh; every kind is while another tool's istiod runs. The base component's objects that
 * every revision shares (the reader ServiceAccount) are left with their owner; anything else stops
 * the reconcile as a preflight failure. Only objects missing from the operator's own cache are
 * looked up, so a steady installation alone in its cluster costs no request. The writer checks
 * before it writes anything. Istio's CRDs follow their own rules (crds.IstioCrdPlanner), and
 * namespaces are shared by design.
 */
final class ForeignObjects {

  private ForeignObjects() {}

  /**
   * {@code desired} less the shared objects another tool owns.
   *
   * @param handedOver the objects to take over from their owner (the default tag and validator,
   *     when adoption hands them over)
   * @throws InvalidSpecException (PreflightFailed) naming every other object another tool owns
   */
  static DesiredState leaveToOwners(
      DesiredState desired, ClusterSnapshot seen, Predicate<HasMetadata> handedOver) {
    boolean besideForeignIstiod = !seen.foreignIstiods().isEmpty();
    List<HasMetadata> kept = new ArrayList<>();
    List<String> blockers = new ArrayList<>();
    for (HasMetadata object : desired.objects()) {
      Optional<HasMetadata> foreign =
          looked(object, besideForeignIstiod) && !handedOver.test(object)
              ? foreignCopy(object, seen)
              : Optional.empty();
      if (foreign.isEmpty()) {
        kept.add(object);
      } else if (!isShared(object)) {
        blockers.add(blocker(object, foreign.get(), besideForeignIstiod));
      }
    }
    if (!blockers.isEmpty()) {
      throw new InvalidSpecException(
          InvalidSpecException.Reason.PreflightFailed, String.join("; ", blockers));
    }
    return kept.size() == desired.objects().size() ? desired : new DesiredState(List.copyOf(kept));
  }

  private static boolean looked(HasMetadata object, boolean besideForeignIstiod) {
    if (object instanceof MutatingWebhookConfiguration
        || object instanceof ValidatingWebhookConfiguration) {
      return true;
    }
    return besideForeignIstiod
        && !(object instanceof Namespace)
        && !(object instanceof CustomResourceDefinition);
  }

  private static Optional<HasMetadata> foreignCopy(HasMetadata object, ClusterSnapshot seen) {
    String name = object.getMetadata().getName();
    String namespace = object.getMetadata().getNamespace();
    if (seen.owned(object.getClass(), namespace, name).isPresent()) {
      return Optional.empty();
    }
    return seen.live(object).filter(existing -> !madeByThisOperator(existing));
  }

  /** What every revision of an install shares and another tool's base chart already made. */
  private static boolean isShared(HasMetadata object) {
    Map<String, String> labels =
        Objects.requireNonNullElse(object.getMetadata().getLabels(), Map.of());
    return BaseRenderer.COMPONENT.equals(labels.get(OperatorLabels.COMPONENT))
        && !(object instanceof MutatingWebhookConfiguration)
        && !(object instanceof ValidatingWebhookConfiguration);
  }

  private static String blocker(
      HasMetadata object, HasMetadata existing, boolean besideForeignIstiod) {
    String namespace = object.getMetadata().getNamespace();
    boolean webhook =
        object instanceof MutatingWebhookConfiguration
            || object instanceof ValidatingWebhookConfiguration;
    return (webhook ? "WebhookOwnedByOthers: " : "ObjectOwnedByOthers: ")
        + object.getKind()
        + " "
        + (namespace == null ? "" : namespace + "/")
        + object.getMetadata().getName()
        + " belongs to "
        + ForeignOwner.of(existing).describe()
        + ", not to this operator; "
        + (besideForeignIstiod
            ? "turn off the component that renders it, or use another spec.namespace"
            : "remove that installation of Istio first, or use another spec.namespace");
  }

  /**
   * Another installation's objects are not foreign: InstallationConflicts arbitrates between
   * installations, and those of a deleted one are on their way out (garbage collection).
   */
  private static boolean madeByThisOperator(HasMetadata object) {
    Map<String, String> labels =
        Objects.requireNonNullElse(object.getMetadata().getLabels(), Map.of());
    return OperatorLabels.MANAGED_BY_VALUE.equals(labels.get(OperatorLabels.MANAGED_BY));
  }
}
