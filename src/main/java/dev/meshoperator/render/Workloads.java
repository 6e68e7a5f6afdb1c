package dev.meshoperator.render;

import dev.meshoperator.plan.Autoscale;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import java.util.Map;

/** Pieces istiod's and the gateways' Deployments share, as Istio's charts write them. */
final class Workloads {

  private Workloads() {}

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

  /** A mount; readOnly is written only when true, as the charts do. */
  static VolumeMount mount(String name, String path, boolean readOnly) {
    return new VolumeMountBuilder()
        .withName(name)
        .withMountPath(path)
        .withReadOnly(readOnly ? true : null)
        .build();
  }
}
