package dev.meshoperator.preflight;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.apply.InformerCaches;
import dev.meshoperator.render.DesiredState;
import dev.meshoperator.render.OperatorLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Webhook configurations the installation would write but another tool made (a Helm or istioctl
 * install of Istio): server-side apply with force would silently take them over, and with them the
 * injection and validation of the running mesh. Only webhooks missing from the operator's own cache
 * are looked up, so a steady installation costs no request.
 */
final class ForeignWebhooks {

  private ForeignWebhooks() {}

  static List<Blocker> check(DesiredState desired, Context<MeshInstallation> context) {
    List<Blocker> blockers = new ArrayList<>();
    for (HasMetadata object : desired.objects()) {
      if (!(object instanceof MutatingWebhookConfiguration)
          && !(object instanceof ValidatingWebhookConfiguration)) {
        continue;
      }
      String name = object.getMetadata().getName();
      boolean known =
          InformerCaches.secondary(context, object.getClass())
              .anyMatch(cached -> name.equals(cached.getMetadata().getName()));
      if (known) {
        continue;
      }
      HasMetadata existing = context.getClient().resource(object).get();
      if (existing != null && !madeByThisOperator(existing)) {
        blockers.add(
            new Blocker(
                "WebhookOwnedByOthers",
                object.getKind()
                    + " "
                    + name
                    + " exists and was not made by this installation (Helm or istioctl?);"
                    + " remove that installation of Istio first, or use another spec.namespace"));
      }
    }
    return blockers;
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
