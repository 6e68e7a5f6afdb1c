package dev.meshoperator.observe;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import java.util.Objects;

/**
 * Reads a Deployment's, DaemonSet's or StatefulSet's rollout the way {@code kubectl rollout status}
 * does.
 */
public final class WorkloadReadiness {

  private WorkloadReadiness() {}

  /** A DaemonSet is ready when every node that should run it runs its current, available pod. */
  public static ComponentHealth of(String component, DaemonSet daemonSet) {
    if (daemonSet == null) {
      return ComponentHealth.notReady(
          component, "DaemonSetNotFound", "its DaemonSet does not exist yet");
    }
    String name = daemonSet.getMetadata().getName();
    DaemonSetStatus status = daemonSet.getStatus();
    long generation = Objects.requireNonNullElse(daemonSet.getMetadata().getGeneration(), 0L);
    if (status == null
        || Objects.requireNonNullElse(status.getObservedGeneration(), 0L) < generation) {
      return ComponentHealth.notReady(
          component,
          "RolloutPending",
          "DaemonSet " + name + " has not observed its latest spec yet");
    }
    int desired = Objects.requireNonNullElse(status.getDesiredNumberScheduled(), 0);
    int updated = Objects.requireNonNullElse(status.getUpdatedNumberScheduled(), 0);
    int available = Objects.requireNonNullElse(status.getNumberAvailable(), 0);
    if (desired == 0) {
      return ComponentHealth.notReady(
          component, "NoEligibleNodes", "DaemonSet " + name + " matches no node");
    }
    if (updated < desired) {
      return ComponentHealth.notReady(
          component,
          "RolloutInProgress",
          "DaemonSet "
              + name
              + " runs its current pod on "
              + updated
              + " of "
              + desired
              + " nodes");
    }
    if (available < desired) {
      return ComponentHealth.notReady(
          component,
          "PodsUnavailable",
          "DaemonSet " + name + " is available on " + available + " of " + desired + " nodes");
    }
    return ComponentHealth.ready(
        component,
        "Available",
        "DaemonSet " + name + " is available on " + available + " of " + desired + " nodes");
  }

  public static ComponentHealth of(String component, Deployment deployment) {
    if (deployment == null) {
      return ComponentHealth.notReady(
          component, "DeploymentNotFound", "its Deployment does not exist yet");
    }
    String name = deployment.getMetadata().getName();
    DeploymentStatus status = deployment.getStatus();
    long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 0L);
    if (status == null
        || Objects.requireNonNullElse(status.getObservedGeneration(), 0L) < generation) {
      return ComponentHealth.notReady(
          component,
          "RolloutPending",
          "Deployment " + name + " has not observed its latest spec yet");
    }
    int desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
    int updated = Objects.requireNonNullElse(status.getUpdatedReplicas(), 0);
    int available = Objects.requireNonNullElse(status.getAvailableReplicas(), 0);
    int total = Objects.requireNonNullElse(status.getReplicas(), 0);
    if (available == 0) {
      return ComponentHealth.notReady(
          component,
          "NoReplicasAvailable",
          "Deployment " + name + " has 0 of " + desired + " replicas available");
    }
    if (updated < desired || total > updated) {
      return ComponentHealth.notReady(
          component,
          "RolloutInProgress",
          "Deployment " + name + " has " + updated + " of " + desired + " replicas updated");
    }
    if (available < desired) {
      return ComponentHealth.notReady(
          component,
          "ReplicasUnavailable",
          "Deployment " + name + " has " + available + " of " + desired + " replicas available");
    }
    return ComponentHealth.ready(
        component,
        "Available",
        "Deployment " + name + " has " + available + " of " + desired + " replicas available");
  }

  /** A StatefulSet is ready when every replica runs its current revision and is ready. */
  public static ComponentHealth of(String component, StatefulSet statefulSet) {
    if (statefulSet == null) {
      return ComponentHealth.notReady(
          component, "StatefulSetNotFound", "its StatefulSet does not exist yet");
    }
    String name = statefulSet.getMetadata().getName();
    StatefulSetStatus status = statefulSet.getStatus();
    long generation = Objects.requireNonNullElse(statefulSet.getMetadata().getGeneration(), 0L);
    if (status == null
        || Objects.requireNonNullElse(status.getObservedGeneration(), 0L) < generation) {
      return ComponentHealth.notReady(
          component,
          "RolloutPending",
          "StatefulSet " + name + " has not observed its latest spec yet");
    }
    int desired = Objects.requireNonNullElse(statefulSet.getSpec().getReplicas(), 1);
    int updated = Objects.requireNonNullElse(status.getUpdatedReplicas(), 0);
    int ready = Objects.requireNonNullElse(status.getReadyReplicas(), 0);
    if (updated < desired
        || !Objects.equals(status.getCurrentRevision(), status.getUpdateRevision())) {
      return ComponentHealth.notReady(
          component,
          "RolloutInProgress",
          "StatefulSet " + name + " has " + updated + " of " + desired + " replicas updated");
    }
    if (ready < desired) {
      return ComponentHealth.notReady(
          component,
          "ReplicasUnavailable",
          "StatefulSet " + name + " has " + ready + " of " + desired + " replicas ready");
    }
    return ComponentHealth.ready(
        component,
        "Available",
        "StatefulSet " + name + " has " + ready + " of " + desired + " replicas ready");
  }
}
