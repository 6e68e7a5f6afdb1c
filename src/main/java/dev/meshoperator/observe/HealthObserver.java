package dev.meshoperator.observe;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.apply.InformerCaches;
import dev.meshoperator.plan.GatewayPlan;
import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.render.BaseRenderer;
import dev.meshoperator.render.CniRenderer;
import dev.meshoperator.render.DesiredState;
import dev.meshoperator.render.ZtunnelRenderer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Health of each enabled component, read from the informer caches the reconciler keeps. */
public final class HealthObserver {

  private HealthObserver() {}

  public static List<ComponentHealth> observe(
      MeshPlan plan, DesiredState desired, Context<MeshInstallation> context) {
    return observe(plan, List.of(plan), desired, context);
  }

  /** The same with an istiod per revision, each reported under its Deployment's name. */
  public static List<ComponentHealth> observe(
      MeshPlan plan,
      List<MeshPlan> revisions,
      DesiredState desired,
      Context<MeshInstallation> context) {
    List<ComponentHealth> health = new ArrayList<>();
    if (plan.baseEnabled()) {
      health.add(crds(desired, context));
    }
    for (MeshPlan revision : revisions) {
      if (revision.istiod().isPresent()) {
        health.add(
            WorkloadReadiness.of(
                revision.istiodName(),
                find(context, Deployment.class, revision.namespace(), revision.istiodName())));
      }
    }
    if (plan.cni().isPresent()) {
      health.add(
          WorkloadReadiness.of(
              CniRenderer.COMPONENT,
              find(context, DaemonSet.class, plan.namespace(), CniRenderer.DAEMONSET)));
    }
    if (plan.ztunnel().isPresent()) {
      health.add(
          WorkloadReadiness.of(
              ZtunnelRenderer.COMPONENT,
              find(context, DaemonSet.class, plan.namespace(), ZtunnelRenderer.NAME)));
    }
    for (GatewayPlan gateway : plan.gateways()) {
      health.add(
          WorkloadReadiness.of(
              gateway.name(),
              find(context, Deployment.class, gateway.namespace(), gateway.name())));
    }
    return health;
  }

  private static <R extends io.fabric8.kubernetes.api.model.HasMetadata> R find(
      Context<MeshInstallation> context, Class<R> kind, String namespace, String name) {
    return InformerCaches.secondary(context, kind)
        .filter(r -> name.equals(r.getMetadata().getName()))
        .filter(r -> namespace.equals(r.getMetadata().getNamespace()))
        .findFirst()
        .orElse(null);
  }

  private static ComponentHealth crds(DesiredState desired, Context<MeshInstallation> context) {
    Set<String> wanted =
        desired.objects().stream()
            .filter(CustomResourceDefinition.class::isInstance)
            .map(o -> o.getMetadata().getName())
            .collect(Collectors.toSet());
    Set<String> established =
        InformerCaches.secondary(context, CustomResourceDefinition.class)
            .filter(ClusterCrds::isEstablished)
            .map(c -> c.getMetadata().getName())
            .collect(Collectors.toSet());
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
