package dev.meshoperator.observe;

import dev.meshoperator.api.v1alpha1.ComponentStatus;
import dev.meshoperator.render.BaseRenderer;
import dev.meshoperator.render.OperatorLabels;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Health of the components the last applied spec installed, read again from the snapshot.
 *
 * <p>While a newer spec is refused or paused nothing is written, yet what runs keeps changing: an
 * istiod turns ready, a node agent loses a node. Ready tells the truth only if it follows them.
 */
public final class RunningHealth {

  private RunningHealth() {}

  /** {@code reported} with each workload's readiness as {@code seen} shows it now. */
  public static List<ComponentHealth> reread(List<ComponentStatus> reported, ClusterSnapshot seen) {
    return Objects.requireNonNullElse(reported, List.<ComponentStatus>of()).stream()
        .map(component -> reread(component, seen))
        .toList();
  }

  private static ComponentHealth reread(ComponentStatus component, ClusterSnapshot seen) {
    String name = component.getName();
    if (BaseRenderer.COMPONENT.equals(name)) {
      // The CRDs wanted depend on the release, which the refused spec may not resolve.
      return new ComponentHealth(
          name, component.getReady(), component.getReason(), component.getMessage());
    }
    // istiod per revision and gateways are reported under their Deployment's name.
    Optional<Deployment> deployment =
        seen.owned(Deployment.class).stream()
            .filter(d -> name.equals(d.getMetadata().getName()))
            .findFirst();
    if (deployment.isPresent()) {
      return WorkloadReadiness.of(name, deployment.get());
    }
    // The node agents are reported under their component's name.
    Optional<DaemonSet> daemonSet =
        seen.owned(DaemonSet.class).stream()
            .filter(d -> name.equals(componentLabel(d.getMetadata().getLabels())))
            .findFirst();
    return daemonSet
        .map(d -> WorkloadReadiness.of(name, d))
        .orElseGet(
            () ->
                ComponentHealth.notReady(
                    name, "WorkloadNotFound", "its workload no longer exists"));
  }

  private static String componentLabel(Map<String, String> labels) {
    return labels == null ? null : labels.get(OperatorLabels.COMPONENT);
  }
}
