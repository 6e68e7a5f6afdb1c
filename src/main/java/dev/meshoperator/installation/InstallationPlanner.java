package dev.meshoperator.installation;

import dev.meshoperator.adopt.Adoption;
import dev.meshoperator.adopt.AdoptionPlanner;
import dev.meshoperator.adopt.Coexistence;
import dev.meshoperator.adopt.CoexistencePlanner;
import dev.meshoperator.ambient.AmbientPlan;
import dev.meshoperator.ambient.AmbientPlanner;
import dev.meshoperator.ambient.DataPlaneReadiness;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.crds.IstioCrdPlan;
import dev.meshoperator.crds.IstioCrdPlanner;
import dev.meshoperator.observe.ClusterSnapshot;
import dev.meshoperator.observe.ComponentHealth;
import dev.meshoperator.observe.HealthObserver;
import dev.meshoperator.plan.InstallationConflicts;
import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.preflight.Preflight;
import dev.meshoperator.preflight.SupportWindow;
import dev.meshoperator.revision.NodeAgentOrder;
import dev.meshoperator.revision.RestartPlanner;
import dev.meshoperator.revision.RestartPlanner.RestartPlan;
import dev.meshoperator.revision.RevisionRollout;
import dev.meshoperator.revision.Rollout;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Plans a whole installation from its spec and one snapshot of the cluster, calling each concern's
 * planner in the order their decisions depend on one another. Pure, given the snapshot; throws
 * {@link dev.meshoperator.plan.InvalidSpecException} for a spec that cannot be acted on.
 */
public final class InstallationPlanner {

  private final PlanResolver resolver;

  public InstallationPlanner(PlanResolver resolver) {
    this.resolver = resolver;
  }

  public InstallationPlan plan(MeshInstallation mesh, ClusterSnapshot seen, Instant now) {
    MeshPlan spec = resolver.resolve(mesh);
    InstallationConflicts.check(mesh, spec, seen.installations(), resolver);
    Rollout rollout =
        PlanResolver.isRevisionBased(mesh)
            ? RevisionRollout.plan(mesh, spec, resolver, seen, now)
            : Rollout.inPlace(spec);
    rollout = NodeAgentOrder.holdZtunnelForCni(mesh, rollout, resolver, seen);
    Coexistence coexistence = CoexistencePlanner.plan(mesh, rollout, seen);
    SupportWindow.require(mesh, spec.release(), now);
    Preflight.require(mesh, spec, seen);
    List<ComponentHealth> health =
        NodeAgentOrder.heldBack(HealthObserver.observe(spec, rollout.revisions(), seen), rollout);
    Optional<RestartPlan> restart =
        !rollout.revisionBased()
            ? Optional.empty()
            : RestartPlanner.plan(
                mesh,
                rollout.active(),
                rollout.activeReady(),
                !coexistence.leavesDefault(),
                seen,
                now);
    Adoption adoption =
        AdoptionPlanner.plan(
            mesh, coexistence, rollout.active(), rollout.activeReady(), restart, seen);
    if (adoption.handsOver()) {
      coexistence = coexistence.handedOver();
    }
    AmbientPlan ambient =
        AmbientPlanner.plan(mesh, DataPlaneReadiness.waitingFor(spec, health), seen);
    IstioCrdPlan crds =
        IstioCrdPlanner.plan(rollout.target().release().api(), seen.crds(), takesOverCrds(mesh));
    return new InstallationPlan(
        spec,
        rollout,
        health,
        restart,
        ambient,
        crds,
        coexistence,
        adoption,
        List.copyOf(Objects.requireNonNullElse(mesh.getSpec().getOverlays(), List.of())));
  }

  private static boolean takesOverCrds(MeshInstallation mesh) {
    return mesh.getSpec() != null
        && mesh.getSpec().getComponents() != null
        && mesh.getSpec().getComponents().getBase() != null
        && Boolean.TRUE.equals(mesh.getSpec().getComponents().getBase().getTakeOverCrds());
  }
}
