package dev.meshoperator.observe;

import dev.meshoperator.plan.GatewayPlan;
import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.render.BaseRenderer;
import dev.meshoperator.render.CniRenderer;
import dev.meshoperator.render.ZtunnelRenderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Health of each enabled component, as the reconcile's snapshot shows its workloads. */
public final class HealthObserver {

  private HealthObserver() {}

  public static List<ComponentHealth> observe(MeshPlan plan, ClusterSnapshot seen) {
    return observe(plan, List.of(plan), seen);
  }

  /** The same with an istiod per revision, each reported under its Deployment's name. */
  public static List<ComponentHealth> observe(
      MeshPlan plan, List<MeshPlan> revisions, ClusterSnapshot seen) {
    List<ComponentHealth> health = new ArrayList<>();
    if (plan.baseEnabled()) {
      health.add(crds(plan, seen));
    }
    for (MeshPlan revision : revisions) {
      if (revision.istiod().isPresent()) {
        health.add(
            WorkloadReadiness.of(
                revision.istiodName(),
                find(seen, Deployment.class, revision.namespace(), revision.istiodName())));
      }
    }
    if (plan.cni().isPresent()) {
      health.add(
          WorkloadReadiness.of(
              CniRenderer.COMPONENT,
              find(seen, DaemonSet.class, plan.nodeAgentNamespace(), CniRenderer.DAEMONSET)));
    }
    if (plan.ztunnel().isPresent()) {
      health.add(
          WorkloadReadiness.of(
              ZtunnelRenderer.COMPONENT,
              find(seen, DaemonSet.class, plan.nodeAgentNamespace(), ZtunnelRenderer.NAME)));
    }
    for (GatewayPlan gateway : plan.gateways()) {
      health.add(
          WorkloadReadiness.of(
              gateway.name(), find(seen, Deployment.class, gateway.namespace(), gateway.name())));
    }
    return health;
  }

  private static <R extends HasMetadata> R find(
      ClusterSnapshot seen, Class<R> kind, String namespace, String name) {
    return seen.owned(kind, namespace, name).orElse(null);
  }

  private static ComponentHealth crds(MeshPlan plan, ClusterSnapshot seen) {
    Set<String> wanted = Set.copyOf(plan.release().api().crdNames());
    Set<String> established = seen.establishedCrds();
    List<String> missing = wanted.stream().filter(n -> !established.contains(n)).sorted().toList();
    if (!missing.isEmpty()) {
      return ComponentHealth.notReady(
          BaseRenderer.COMPONENT,
          "CRDsNotEstablished",
          missing.size()
              + " of "
              + wanted.size()
              + " Istio CRDs are not established yet: "
              + String.join(", ", missing));
    }
    return ComponentHealth.ready(
        BaseRenderer.COMPONENT,
        "CRDsEstablished",
        "all " + wanted.size() + " Istio CRDs are established");
  }
}
