package dev.meshoperator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

class WorkloadReadinessTest {

  @Test
  void aMissingDeploymentIsNotReady() {
    assertThat(WorkloadReadiness.of("istiod", (Deployment) null).reason())
        .isEqualTo("DeploymentNotFound");
  }

  @Test
  void aDeploymentThatHasNotSeenItsSpecIsPending() {
    assertThat(WorkloadReadiness.of("istiod", deployment(2, 1, 1, 1, 1, 1)).reason())
        .isEqualTo("RolloutPending");
  }

  @Test
  void noAvailableReplicaIsNotReady() {
    ComponentHealth health = WorkloadReadiness.of("istiod", deployment(1, 1, 1, 1, 1, 0));
    assertThat(health.isReady()).isFalse();
    assertThat(health.message()).isEqualTo("Deployment istiod has 0 of 1 replicas available");
  }

  @Test
  void oldReplicasStillRunningMeanTheRolloutIsInProgress() {
    assertThat(WorkloadReadiness.of("istiod", deployment(1, 1, 2, 3, 2, 2)).reason())
        .isEqualTo("RolloutInProgress");
  }

  @Test
  void allReplicasUpdatedAndAvailableIsReady() {
    ComponentHealth health = WorkloadReadiness.of("istiod", deployment(1, 1, 2, 2, 2, 2));
    assertThat(health.isReady()).isTrue();
    assertThat(health.reason()).isEqualTo("Available");
  }

  @Test
  void aDaemonSetIsReadyOnlyWhenEveryNodeRunsItsCurrentAvailablePod() {
    assertThat(WorkloadReadiness.of("cni", daemonSet(3, 3, 3)).isReady()).isTrue();
    assertThat(WorkloadReadiness.of("cni", daemonSet(3, 2, 3)).reason())
        .isEqualTo("RolloutInProgress");
    ComponentHealth unavailable = WorkloadReadiness.of("cni", daemonSet(3, 3, 1));
    assertThat(unavailable.reason()).isEqualTo("PodsUnavailable");
    assertThat(unavailable.message())
        .isEqualTo("DaemonSet istio-cni-node is available on 1 of 3 nodes");
    assertThat(WorkloadReadiness.of("cni", daemonSet(0, 0, 0)).reason())
        .isEqualTo("NoEligibleNodes");
    assertThat(
            WorkloadReadiness.of("cni", (io.fabric8.kubernetes.api.model.apps.DaemonSet) null)
                .reason())
        .isEqualTo("DaemonSetNotFound");
  }

  @Test
  void aStatefulSetIsReadyWhenEveryReplicaRunsItsCurrentRevisionAndIsReady() {
    assertThat(WorkloadReadiness.of("db", statefulSet(2, 2, "r2", "r2")).isReady()).isTrue();
    assertThat(WorkloadReadiness.of("db", statefulSet(1, 2, "r1", "r2")).reason())
        .isEqualTo("RolloutInProgress");
    assertThat(WorkloadReadiness.of("db", statefulSet(2, 1, "r2", "r2")).reason())
        .isEqualTo("ReplicasUnavailable");
  }

  private static io.fabric8.kubernetes.api.model.apps.StatefulSet statefulSet(
      int updated, int ready, String current, String update) {
    return new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder()
        .withNewMetadata()
        .withName("db")
        .withGeneration(1L)
        .endMetadata()
        .withNewSpec()
        .withReplicas(2)
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(1L)
        .withUpdatedReplicas(updated)
        .withReadyReplicas(ready)
        .withCurrentRevision(current)
        .withUpdateRevision(update)
        .endStatus()
        .build();
  }

  private static io.fabric8.kubernetes.api.model.apps.DaemonSet daemonSet(
      int desired, int updated, int available) {
    return new io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder()
        .withNewMetadata()
        .withName("istio-cni-node")
        .withGeneration(1L)
        .endMetadata()
        .withNewStatus()
        .withObservedGeneration(1L)
        .withDesiredNumberScheduled(desired)
        .withUpdatedNumberScheduled(updated)
        .withNumberAvailable(available)
        .endStatus()
        .build();
  }

  private static Deployment deployment(
      long generation, long observed, int desired, int total, int updated, int available) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("istiod")
        .withGeneration(generation)
        .endMetadata()
        .withNewSpec()
        .withReplicas(desired)
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(observed)
        .withReplicas(total)
        .withUpdatedReplicas(updated)
        .withAvailableReplicas(available)
        .endStatus()
        .build();
  }
}
