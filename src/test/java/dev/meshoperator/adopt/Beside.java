package dev.meshoperator.adopt;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.UpdateStrategy;
import dev.meshoperator.api.v1alpha1.WorkloadRestartSpec;
import dev.meshoperator.testing.Installations;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;

/** Objects of a cluster where a Helm install of Istio runs, as the snapshot holds them. */
final class Beside {

  static final String VERSION = "1.30.4";
  static final String REVISION = "mesh-1-30-4";

  private Beside() {}

  /**
   * A RevisionBased installation named mesh of {@link #VERSION}, restarting workloads in batches of
   * {@code restartBatch} (0: no restarts).
   */
  static MeshInstallation revisionBased(int restartBatch) {
    return Installations.unapplied(
        "mesh",
        spec -> {
          spec.setVersion(VERSION);
          UpdateStrategy strategy = new UpdateStrategy();
          strategy.setType(UpdateStrategy.Type.REVISION_BASED);
          if (restartBatch > 0) {
            WorkloadRestartSpec restart = new WorkloadRestartSpec();
            restart.setEnabled(true);
            restart.setBatchSize(restartBatch);
            strategy.setWorkloadRestart(restart);
          }
          spec.setUpdateStrategy(strategy);
        });
  }

  /** An istiod as upstream's istiod chart installs it, of {@code revision} ("" for none). */
  static Deployment helmIstiod(String revision) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withNamespace("istio-system")
        .withName(revision.isEmpty() ? "istiod" : "istiod-" + revision)
        .withLabels(
            Map.of(
                "app",
                "istiod",
                "istio.io/rev",
                revision.isEmpty() ? "default" : revision,
                "app.kubernetes.io/managed-by",
                "Helm"))
        .withAnnotations(
            Map.of(
                "meta.helm.sh/release-name",
                "istiod",
                "meta.helm.sh/release-namespace",
                "istio-system"))
        .endMetadata()
        .build();
  }

  /** The installation's istiod of {@link #REVISION}, available. */
  static Deployment readyIstiod() {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("istiod-" + REVISION)
        .withNamespace("istio-system")
        .withGeneration(1L)
        .withLabels(
            Map.of(
                "istio.io/rev",
                REVISION,
                "mesh.operator.dev/component",
                "istiod",
                "app.kubernetes.io/version",
                VERSION))
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(1L)
        .withReplicas(1)
        .withUpdatedReplicas(1)
        .withReadyReplicas(1)
        .withAvailableReplicas(1)
        .endStatus()
        .build();
  }

  static Namespace namespace(String name, Map<String, String> labels) {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .build();
  }

  /** A pod of Deployment web in {@code namespace}, injected by {@code revision}. */
  static Pod injectedPod(String namespace, String revision) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName("web-5d8f-x2x9")
        .withLabels(Map.of("istio.io/rev", revision, "pod-template-hash", "5d8f"))
        .addNewOwnerReference()
        .withKind("ReplicaSet")
        .withName("web-5d8f")
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .build();
  }
}
