package dev.meshoperator.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Flips a fake pod's readiness, as a failing readiness probe would. kwok's stages only act on
 * Pending pods, so a Running pod keeps whatever Ready condition a test writes to its status.
 */
public final class PodReadiness {

  private PodReadiness() {}

  public static void set(KubernetesClient client, Pod pod, boolean ready) {
    String status = ready ? "True" : "False";
    client
        .pods()
        .inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .editStatus(
            current -> {
              for (PodCondition condition : current.getStatus().getConditions()) {
                if ("Ready".equals(condition.getType())
                    || "ContainersReady".equals(condition.getType())) {
                  condition.setStatus(status);
                }
              }
              current.getStatus().getContainerStatuses().forEach(c -> c.setReady(ready));
              return current;
            });
  }
}
