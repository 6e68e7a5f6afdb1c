package dev.meshoperator.render;

import dev.meshoperator.plan.Autoscale;
import dev.meshoperator.plan.DisruptionBudget;
import dev.meshoperator.plan.MeshPlan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.List;
import java.util.Map;

/** Pieces istiod's and the gateways' Deployments share, as Istio's charts write them. */
final class WorkloadParts {

  private WorkloadParts() {}

  /** An HPA on CPU utilization for the Deployment of the same name. */
  static HasMetadata cpuAutoscaler(
      String name, String namespace, Map<String, String> labels, Autoscale autoscale) {
    return new HorizontalPodAutoscalerBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withMinReplicas(autoscale.min())
        .withMaxReplicas(autoscale.max())
        .withNewScaleTargetRef()
        .withApiVersion("apps/v1")
        .withKind("Deployment")
        .withName(name)
        .endScaleTargetRef()
        .addNewMetric()
        .withType("Resource")
        .withNewResource()
        .withName("cpu")
        .withNewTarget()
        .withType("Utilization")
        .withAverageUtilization(autoscale.targetCpuUtilization())
        .endTarget()
        .endResource()
        .endMetric()
        .endSpec()
        .build();
  }

  /** How many pods stay up through voluntary disruptions (node drains, evictions). */
  static HasMetadata disruptionBudget(
      String name,
      String namespace,
      Map<String, String> labels,
      Map<String, String> selector,
      DisruptionBudget budget) {
    return new PodDisruptionBudgetBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withMinAvailable(budget.minAvailable())
        .withMaxUnavailable(budget.maxUnavailable())
        .withNewSelector()
        .withMatchLabels(selector)
        .endSelector()
        .endSpec()
        .build();
  }

  /** The projected token Istio's proxies authenticate to istiod's CA with. */
  /** The installation's image pull secrets for a pod spec; null (left out) when there are none. */
  static List<LocalObjectReference> pullSecrets(MeshPlan plan) {
    return plan.imagePullSecrets().isEmpty()
        ? null
        : plan.imagePullSecrets().stream().map(LocalObjectReference::new).toList();
  }

  static Volume istioToken() {
    return new VolumeBuilder()
        .withName("istio-token")
        .withNewProjected()
        .addNewSource()
        .withNewServiceAccountToken()
        .withPath("istio-token")
        .withExpirationSeconds(43200L)
        .withAudience("istio-ca")
        .endServiceAccountToken()
        .endSource()
        .endProjected()
        .build();
  }

  /** A mount; readOnly is written only when true, as the charts do. */
  static VolumeMount mount(String name, String path, boolean readOnly) {
    return new VolumeMountBuilder()
        .withName(name)
        .withMountPath(path)
        .withReadOnly(readOnly ? true : null)
        .build();
  }
}
