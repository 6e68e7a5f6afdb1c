package dev.meshoperator.status;

import dev.meshoperator.api.v1alpha1.RevisionStatus;
import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.revision.RevisionState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code status.revisions} of a RevisionBased installation, from the rollout's revisions. */
final class RevisionReport {

  private RevisionReport() {}

  /**
   * @param restarted Deployments restarted onto the active revision (the first), if restarts are on
   * @param leavesDefault whether another tool's istiod keeps the default tag, so none of ours has
   *     it
   */
  static List<RevisionStatus> of(
      List<RevisionState> states, Optional<Integer> restarted, boolean leavesDefault) {
    List<RevisionStatus> statuses =
        states.stream().map(state -> status(state, leavesDefault)).toList();
    if (!statuses.isEmpty()) {
      restarted.ifPresent(statuses.get(0)::setRestartedDeployments);
    }
    return statuses;
  }

  private static RevisionStatus status(RevisionState state, boolean leavesDefault) {
    RevisionStatus status = new RevisionStatus();
    status.setName(state.name());
    status.setVersion(state.version());
    status.setTags(
        leavesDefault
            ? state.tags().stream().filter(t -> !MeshPlan.DEFAULT_REVISION.equals(t)).toList()
            : state.tags());
    status.setReady(state.ready() ? "True" : "False");
    status.setPods(state.pods());
    status.setNamespaces(state.namespaces());
    status.setWorkloads(state.workloads().isEmpty() ? null : state.workloads());
    status.setUnusedSince(state.unusedSince().map(Instant::toString).orElse(null));
    return status;
  }
}
