package dev.meshoperator.apply;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.render.DesiredState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.SSABasedGenericKubernetesResourceMatcher;
import java.util.List;
import java.util.Objects;
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
   * The object as the reconciler's informer last saw it, or null. Informers hold every object this
   * operator labelled, so a no-op reconcile reads nothing from the API server; a cache that lags
   * only costs an idempotent apply.
   */
  private static HasMetadata cached(HasMetadata object, Context<MeshInstallation> context) {
    return InformerCaches.secondary(context, object.getClass())
        .filter(o -> object.getMetadata().getName().equals(o.getMetadata().getName()))
        .filter(
            o ->
                Objects.equals(object.getMetadata().getNamespace(), o.getMetadata().getNamespace()))
        .findFirst()
        .orElse(null);
  }

  public static Result apply(
      DesiredState desired, MeshInstallation owner, Context<MeshInstallation> context) {
    KubernetesClient client = context.getClient();
    SSABasedGenericKubernetesResourceMatcher<HasMetadata> matcher =
        SSABasedGenericKubernetesResourceMatcher.getInstance();
    List<HasMetadata> ordered = desired.objects().stream().sorted(ApplyOrder.COMPARATOR).toList();
    int written = 0;
    for (HasMetadata object : ordered) {
      Ownership.claim(object, owner);
      HasMetadata actual = cached(object, context);
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
