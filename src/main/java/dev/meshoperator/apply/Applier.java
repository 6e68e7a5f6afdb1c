package dev.meshoperator.apply;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.observe.ClusterSnapshot;
import dev.meshoperator.render.DesiredState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.SSABasedGenericKubernetesResourceMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
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
   * from the API server; a cache that lags only costs an idempotent apply. A version {@code known}
   * to hold the same desired object is not compared again.
   */
  public static Result apply(
      DesiredState desired,
      MeshInstallation owner,
      ClusterSnapshot seen,
      Context<MeshInstallation> context,
      WritePool pool,
      KnownMatches known) {
    KubernetesClient client = context.getClient();
    SSABasedGenericKubernetesResourceMatcher<HasMetadata> matcher =
        SSABasedGenericKubernetesResourceMatcher.getInstance();
    Map<Integer, List<HasMetadata>> stages =
        desired.objects().stream()
            .sorted(ApplyOrder.COMPARATOR)
            .collect(
                Collectors.groupingBy(
                    o -> ApplyOrder.stage(o.getKind()), TreeMap::new, Collectors.toList()));
    int written = 0;
    int total = 0;
    // Stages one after another (types before instances, webhooks last); within a stage the
    // objects do not depend on each other, so their writes go out together.
    for (List<HasMetadata> stage : stages.values()) {
      List<Runnable> writes = new ArrayList<>();
      for (HasMetadata object : stage) {
        HasMetadata actual = prepare(object, owner, seen);
        if (actual != null && known.holds(actual, object)) {
          continue;
        }
        if (actual != null && matcher.matches(actual, object, context)) {
          known.remember(actual, object);
        } else {
          writes.add(() -> known.remember(write(client, object, actual == null), object));
        }
      }
      pool.runAll(writes);
      written += writes.size();
      total += stage.size();
    }
    return new Result(written, total - written);
  }

  /**
   * Applies objects no installation owns (Istio's CRDs at start, before any installation exists)
   * under the same field manager, side by side. Not forced: should another tool create one of them
   * meanwhile, its fields stay its own.
   */
  public static void applyUnowned(
      KubernetesClient client, List<HasMetadata> objects, WritePool pool) {
    pool.runAll(
        objects.stream()
            .map(
                object ->
                    (Runnable)
                        () -> {
                          try {
                            client.resource(object).fieldManager(FIELD_MANAGER).serverSideApply();
                          } catch (KubernetesClientException refused) {
                            throw new WriteRefused(object, refused);
                          }
                        })
            .toList());
  }

  /**
   * Makes {@code object} ready to compare and apply (owned by {@code owner}, without the fields
   * another manager took over) and returns the cluster's version of it, or null when there is none.
   */
  static HasMetadata prepare(HasMetadata object, MeshInstallation owner, ClusterSnapshot seen) {
    Ownership.claim(object, owner);
    HasMetadata actual =
        seen.owned(
                object.getClass(),
                object.getMetadata().getNamespace(),
                object.getMetadata().getName())
            .orElse(null);
    FieldHandover.yieldTakenFields(object, actual);
    return actual;
  }

  /** Returns the object as the API server left it. */
  private static HasMetadata write(KubernetesClient client, HasMetadata object, boolean unmanaged) {
    HasMetadata applied;
    try {
      applied =
          client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    } catch (KubernetesClientException refused) {
      throw new WriteRefused(object, refused);
    }
    LOG.infof(
        "applied %s %s (%s)",
        object.getKind(),
        object.getMetadata().getNamespace() == null
            ? object.getMetadata().getName()
            : object.getMetadata().getNamespace() + "/" + object.getMetadata().getName(),
        unmanaged ? "not managed yet" : "differs from the desired state");
    return applied;
  }
}
