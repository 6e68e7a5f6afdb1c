package dev.meshoperator.revision;

import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.render.DesiredState;
import dev.meshoperator.render.MeshRenderer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one reconcile runs: the spec's release ({@code target}), the revision serving the mesh
 * ({@code active}), and every revision's istiod.
 *
 * @param revisionBased whether the installation runs revisions side by side (RevisionBased) or one
 *     istiod upgraded in place (InPlace)
 * @param states the kept revisions, the active one first; none for InPlace installations
 * @param recheckIn when to look again without an event (a grace period ending)
 * @param ztunnel the plan ztunnel is rendered from: the target's, or an older one while istio-cni
 *     rolls out first (see {@link NodeAgentOrder})
 * @param namedTags the spec's named tags and the revision plan each points at
 */
public record Rollout(
    MeshPlan target,
    MeshPlan active,
    List<MeshPlan> revisions,
    boolean revisionBased,
    List<RevisionState> states,
    Optional<Duration> recheckIn,
    MeshPlan ztunnel,
    Map<String, MeshPlan> namedTags) {

  public static Rollout inPlace(MeshPlan plan) {
    return new Rollout(
        plan, plan, List.of(plan), false, List.of(), Optional.empty(), plan, Map.of());
  }

  /** The same, with ztunnel held at {@code held}'s release. */
  public Rollout withZtunnel(MeshPlan held) {
    return new Rollout(
        target, active, revisions, revisionBased, states, recheckIn, held, namedTags);
  }

  /** Why ztunnel is not at the target version yet, when it is held back. */
  public Optional<String> ztunnelHeldBack() {
    String from = ztunnel.release().version();
    String to = target.release().version();
    return from.equals(to)
        ? Optional.empty()
        : Optional.of(
            "ztunnel stays at " + from + " until istio-cni runs " + to + " on every node");
  }

  public DesiredState render() {
    return MeshRenderer.render(target, active, revisions, ztunnel, namedTags);
  }

  /** Whether the active revision's istiod is available (as the caches showed it). */
  public boolean activeReady() {
    return revisionBased && !states.isEmpty() && states.get(0).ready();
  }
}
