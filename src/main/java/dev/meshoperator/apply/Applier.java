package dev.meshoperator.apply;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.observe.ClusterSnapshot;
import dev.meshoperator.render.DesiredState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.SSABasedGenericKubernetesResourceMatcher;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The only writer of rendered objects. Server-side apply under one field manager; an object whose
 * fields we manage already hold the desired values (as the informer cache shows it) is not written,
 * so a reconcile of an unchanged installation issues no writes. Fields other managers own (istiod's
 * caBundle, an HPA's replicas) are never compared and never taken back, and those istiod takes over
 * after install (a validator's failurePolicy) are handed over, see {@link FieldHandover}.
 */
public final class Applier {

  public static final String FIELD_MANAGER = "mesh-operator";
  private static final Logger LOG = Logger.getLogger(Applier.class);

  /** How many objects were written and how many already matched. */
  public record Result(int written, int unchanged) {}

  private Applier() {}

  /**
   * Applies every object of {@code desired} that differs from what {@code seen} shows. The
   * snapshot's caches hold every object this operator labelled, so a no-op reconcile reads nothing
   * from the API server; a cache that lags only costs an idempotent apply.
   */
  public static Result apply(
      DesiredState desired,
      MeshInstallation owner,
      ClusterSnapshot seen,
      Context<MeshInstallation> context) {
    KubernetesClient client = context.getClient();
    SSABasedGenericKubernetesResourceMatcher<HasMetadata> matcher =
        SSABasedGenericKubernetesResourceMatcher.getInstance();
    List<HasMetadata> ordered = desired.objects().stream().sorted(ApplyOrder.COMPARATOR).toList();
    int written = 0;
    for (HasMetadata object : ordered) {
      Ownership.claim(object, owner);
      HasMetadata actual =
          seen.owned(
                  object.getClass(),
                  object.getMetadata().getNamespace(),
                  object.getMetadata().getName())
              .orElse(null);
      FieldHandover.yieldTakenFields(object, actual);
      if (actual != null && matcher.matches(actual, object, context)) {
        continue;
      }
      client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
      LOG.infof(
          "applied %s %s (%s)",
          object.getKind(),
          object.getMetadata().getNamespace() == null
              ? object.getMetadata().getName()
              : object.getMetadata().getNamespace() + "/" + object.getMetadata().getName(),
          actual == null ? "not managed yet" : "differs from the desired state");
      written++;
    }
    return new Result(written, ordered.size() - written);
  }
}
