package dev.meshoperator.revision;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.observe.ClusterSnapshot;
import dev.meshoperator.observe.ComponentHealth;
import dev.meshoperator.observe.WorkloadReadiness;
import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.render.CniRenderer;
import dev.meshoperator.render.IstioLabels;
import dev.meshoperator.render.ZtunnelRenderer;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node agents are not revisioned, so a version change rolls them in place, istio-cni first:
 * ztunnel keeps its running version until istio-cni runs the target version on every node. A
 * ztunnel newer than the CNI agent that hands it pods is the order upstream warns against.
 */
public final class NodeAgentOrder {

  private NodeAgentOrder() {}

  /**
   * The version ztunnel should run now: {@code target}, or the version it runs while istio-cni has
   * not finished rolling out {@code target}.
   */
  public static String ztunnelVersion(String target, DaemonSet cni, DaemonSet ztunnel) {
    Optional<String> running = version(ztunnel);
    if (running.isEmpty() || running.get().equals(target) || cni == null) {
      return target;
    }
    boolean cniDone =
        version(cni).map(target::equals).orElse(false)
            && WorkloadReadiness.of("cni", cni).isReady();
    return cniDone ? target : running.get();
  }

  /** ztunnel follows a version change only once istio-cni has rolled it out everywhere. */
  public static Rollout holdZtunnelForCni(
      MeshInstallation mesh, Rollout rollout, PlanResolver resolver, ClusterSnapshot seen) {
    MeshPlan target = rollout.target();
    if (target.cni().isEmpty() || target.ztunnel().isEmpty()) {
      return rollout;
    }
    String version =
        ztunnelVersion(
            target.release().version(),
            seen.owned(DaemonSet.class, target.nodeAgentNamespace(), CniRenderer.DAEMONSET)
                .orElse(null),
            seen.owned(DaemonSet.class, target.nodeAgentNamespace(), ZtunnelRenderer.NAME)
                .orElse(null));
    return version.equals(target.release().version())
        ? rollout
        : rollout.withZtunnel(resolver.resolveRevision(mesh, version, target.revision()));
  }

  /** While ztunnel is held back the upgrade is not done: it says so in ztunnel's readiness. */
  public static List<ComponentHealth> heldBack(List<ComponentHealth> health, Rollout rollout) {
    return rollout
        .ztunnelHeldBack()
        .map(
            why ->
                health.stream()
                    .map(
                        h ->
                            ZtunnelRenderer.COMPONENT.equals(h.component())
                                ? ComponentHealth.notReady(h.component(), "WaitingForCni", why)
                                : h)
                    .toList())
        .orElse(health);
  }

  private static Optional<String> version(DaemonSet daemonSet) {
    if (daemonSet == null) {
      return Optional.empty();
    }
    Map<String, String> labels = daemonSet.getMetadata().getLabels();
    return Optional.ofNullable(labels == null ? null : labels.get(IstioLabels.VERSION));
  }
}
