package dev.meshoperator.apply;

import dev.meshoperator.observe.ClusterSnapshot;
import dev.meshoperator.observe.ForeignOwner;
import dev.meshoperator.plan.InvalidSpecException;
import dev.meshoperator.render.DesiredState;
import dev.meshoperator.render.OperatorLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Webhook configurations the installation would write but another tool made (a Helm or istioctl
 * install of Istio): server-side apply with force would silently take them over, and with them the
 * injection and validation of the running mesh. Only webhooks missing from the operator's own cache
 * are looked up, so a steady installation costs no request. The writer checks before it writes
 * anything, and a foreign webhook stops the reconcile as a preflight failure.
 */
final class ForeignWebhooks {

  private ForeignWebhooks() {}

  /** Throws {@link InvalidSpecException} (PreflightFailed) naming every foreign webhook. */
  static void require(DesiredState desired, ClusterSnapshot seen) {
    List<String> blockers = new ArrayList<>();
    for (HasMetadata object : desired.objects()) {
      if (!(object instanceof MutatingWebhookConfiguration)
          && !(object instanceof ValidatingWebhookConfiguration)) {
        continue;
      }
      String name = object.getMetadata().getName();
      boolean known = seen.owned(object.getClass(), null, name).isPresent();
      if (known) {
        continue;
      }
      Optional<HasMetadata> existing = seen.live(object);
      if (existing.isPresent() && !madeByThisOperator(existing.get())) {
        blockers.add(
            "WebhookOwnedByOthers: "
                + object.getKind()
                + " "
                + name
                + " belongs to "
                + ForeignOwner.of(existing.get()).describe()
                + ", not to this operator; remove that installation of Istio first, or use"
                + " another spec.namespace");
      }
    }
    if (!blockers.isEmpty()) {
      throw new InvalidSpecException(
          InvalidSpecException.Reason.PreflightFailed, String.join("; ", blockers));
    }
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
