package dev.meshoperator.installation;

import dev.meshoperator.adopt.Adoption;
import dev.meshoperator.adopt.Coexistence;
import dev.meshoperator.ambient.AmbientPlan;
import dev.meshoperator.api.v1alpha1.OverlaySpec;
import dev.meshoperator.crds.IstioCrdPlan;
import dev.meshoperator.observe.ComponentHealth;
import dev.meshoperator.overlay.Overlays;
import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.render.DesiredState;
import dev.meshoperator.render.WaypointRenderer;
import dev.meshoperator.revision.RestartPlanner.RestartPlan;
import dev.meshoperator.revision.Rollout;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything one reconcile decided for an installation, from its spec and one snapshot of the
 * cluster: the components of each revision and the tags, the node agents' order, the health the
 * decisions were made from, ambient enrollment and waypoints, and the next restart batch.
 *
 * @param spec the spec's own plan (the target release)
 * @param rollout the revisions to run, the active one, the tags, ztunnel's release
 * @param health each component's health as the snapshot showed it
 * @param restart the next batch of workload restarts, for RevisionBased installations that ask
 * @param ambient namespace enrollment and waypoints
 * @param crds which of Istio's CRDs are written, and which are left as the cluster has them
 * @param coexistence the istiods other tools installed, and what is left to them
 * @param adoption the namespaces moving off another tool's istiod, and the hand-over
 * @param overlays the user's patches on rendered objects, applied last
 */
public record InstallationPlan(
    MeshPlan spec,
    Rollout rollout,
    List<ComponentHealth> health,
    Optional<RestartPlan> restart,
    AmbientPlan ambient,
    IstioCrdPlan crds,
    Coexistence coexistence,
    Adoption adoption,
    List<OverlaySpec> overlays) {

  /**
   * Whether the writer may take {@code object} over from the tool that made it: the default tag and
   * validator, in the hand-over and after it (a piece whose write failed is taken the next time).
   */
  public boolean takesOver(HasMetadata object) {
    return adoption.takesOverDefault() && coexistence.isDefaultPiece(object, spec.namespace());
  }

  /**
   * Every object the installation should have, rendered: the mesh's and the waypoints, less the
   * CRDs left as the cluster has them and what is left to another tool's istiod, with the user's
   * overlays applied.
   */
  public DesiredState render() {
    List<HasMetadata> objects = new ArrayList<>(rollout.render().objects());
    objects.removeIf(
        o ->
            (o instanceof CustomResourceDefinition
                    && crds.leftAlone().contains(o.getMetadata().getName()))
                || coexistence.leftToForeign(o, spec.namespace()));
    objects.addAll(WaypointRenderer.render(ambient.waypoints(), spec.installation()).objects());
    return Overlays.apply(overlays, spec.namespace(), new DesiredState(objects));
  }

  /** When to look again without an event: a grace period ending, a restart batch rolling. */
  public Optional<Duration> recheckIn() {
    return Stream.of(rollout.recheckIn(), restart.flatMap(RestartPlan::recheckIn))
        .flatMap(Optional::stream)
        .min(Duration::compareTo);
  }
}
