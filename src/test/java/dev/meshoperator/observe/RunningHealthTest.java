package dev.meshoperator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.ComponentStatus;
import dev.meshoperator.render.OperatorLabels;
import dev.meshoperator.testing.FakeSnapshot;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class RunningHealthTest {

  private static final List<ComponentStatus> REPORTED =
      List.of(
          new ComponentStatus(
              "base", "True", "CRDsEstablished", "all 14 Istio CRDs are established"),
          new ComponentStatus("istiod", "False", "NoReplicasAvailable", "0 of 1"),
          new ComponentStatus("cni", "True", "Available", "on 1 of 1 nodes"));

  @Test
  void eachWorkloadIsReadAgainAndTheCrdsKeepWhatWasReported() {
    FakeSnapshot seen =
        new FakeSnapshot()
            .owned(
                new DeploymentBuilder()
                    .withNewMetadata()
                    .withName("istiod")
                    .withNamespace("istio-system")
                    .withGeneration(2L)
                    .endMetadata()
                    .withNewSpec()
                    .withReplicas(1)
                    .endSpec()
                    .withNewStatus()
                    .withObservedGeneration(2L)
                    .withReplicas(1)
                    .withUpdatedReplicas(1)
                    .withReadyReplicas(1)
                    .withAvailableReplicas(1)
                    .endStatus()
                    .build())
            .owned(
                new DaemonSetBuilder()
                    .withNewMetadata()
                    .withName("istio-cni-node")
                    .withNamespace("istio-system")
                    .withGeneration(1L)
                    .addToLabels(OperatorLabels.COMPONENT, "cni")
                    .endMetadata()
                    .withNewStatus()
                    .withObservedGeneration(1L)
                    .withDesiredNumberScheduled(2)
                    .withUpdatedNumberScheduled(2)
                    .withNumberAvailable(1)
                    .endStatus()
                    .build());

    List<ComponentHealth> running = RunningHealth.reread(REPORTED, seen);

    assertThat(running)
        .extracting(ComponentHealth::component, ComponentHealth::ready)
        .containsExactly(
            Tuple.tuple("base", "True"),
            Tuple.tuple("istiod", "True"),
            Tuple.tuple("cni", "False"));
    assertThat(running.get(2).reason()).isEqualTo("PodsUnavailable");
  }

  @Test
  void aWorkloadThatIsGoneIsNotReady() {
    List<ComponentHealth> running = RunningHealth.reread(REPORTED, new FakeSnapshot());

    assertThat(running.get(1))
        .isEqualTo(
            ComponentHealth.notReady(
                "istiod", "WorkloadNotFound", "its workload no longer exists"));
  }

  @Test
  void nothingReportedIsNothingToRead() {
    assertThat(RunningHealth.reread(null, new FakeSnapshot())).isEmpty();
  }
}
