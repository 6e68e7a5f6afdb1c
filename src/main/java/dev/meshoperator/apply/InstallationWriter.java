package dev.meshoperator.apply;

import dev.meshoperator.ambient.NamespaceDecision;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.installation.Applied;
import dev.meshoperator.installation.InstallationPlan;
import dev.meshoperator.observe.ClusterSnapshot;
import dev.meshoperator.render.DesiredState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Carries out a plan, and is the only writer of the cluster: first a guard against taking over
 * another tool's objects ({@link ForeignObjects}: a webhook or an istiod's object stops everything,
 * a shared base object is left to its owner), then the objects by server-side apply in apply order
 * (each stage's writes side by side), a touch of any CRD of ours the API server forgot to establish
 * ({@link CrdEstablishment}), the pruning of what is no longer wanted, the namespaces' labels
 * (holding the installation back from deletion while any is enrolled: {@link EnrollmentHold}), and
 * a restart batch. Each step writes only what differs.
 */
public final class InstallationWriter {

  private final WritePool pool;
  private final KnownMatches known;
  private final CrdEstablishment establishment;

  public InstallationWriter(WritePool pool, KnownMatches known, CrdEstablishment establishment) {
    this.pool = pool;
    this.known = known;
    this.establishment = establishment;
  }

  /**
   * The kinds pruning looks at: the owned ones, multus networks (none where multus is not served),
   * and Gateways where the Gateway API exists.
   */
  static List<Class<? extends HasMetadata>> prunedKinds(InstallationPlan plan) {
    List<Class<? extends HasMetadata>> kinds = new ArrayList<>(ManagedKinds.OWNED);
    kinds.addAll(ManagedKinds.OWNED_WHERE_SERVED);
    if (plan.ambient().gatewayApi()) {
      kinds.add(Gateway.class);
    }
    return kinds;
  }

  public Applied apply(ApplyInputs in, Instant now) {
    InstallationPlan plan = in.plan();
    MeshInstallation mesh = in.mesh();
    ClusterSnapshot seen = in.seen();
    Context<MeshInstallation> context = in.context();
    DesiredState writable = ForeignObjects.leaveToOwners(in.desired(), seen, plan::takesOver);
    int written = Applier.apply(writable, mesh, seen, context, pool, known).written();
    written += establishment.touchStalled(writable, seen, context.getClient(), now);
    written += Pruner.prune(writable, mesh, seen, context.getClient(), prunedKinds(plan));
    List<NamespaceDecision> decisions = plan.ambient().decisions();
    if (EnrollmentHold.needed(decisions)) {
      written += EnrollmentHold.take(context.getClient(), mesh);
    }
    NamespaceLabels.Written labels = NamespaceLabels.writeAll(context.getClient(), decisions, pool);
    written += labels.writes();
    if (!EnrollmentHold.needed(labels.done())) {
      written += EnrollmentHold.release(context.getClient(), mesh);
    }
    written += NamespaceMoves.writeAll(context.getClient(), plan.adoption().relabels(), pool);
    Optional<Integer> restarted = Optional.empty();
    if (plan.restart().isPresent()) {
      written += WorkloadRestarts.restart(context.getClient(), plan.restart().get());
      restarted = Optional.of(plan.restart().get().restarted());
    }
    return new Applied(
        written,
        plan.ambient().outcome(labels.done()),
        restarted,
        CrdEstablishment.recheckIn(writable, seen));
  }
}
