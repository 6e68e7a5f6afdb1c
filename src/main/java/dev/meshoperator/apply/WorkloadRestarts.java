package dev.meshoperator.apply;

import dev.meshoperator.revision.RestartPlanner;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Carries out a restart batch: sets on each Deployment's pod template an annotation naming the
 * revision (as {@code kubectl rollout restart} sets one), so new pods are injected by it, and one
 * with the time, so a rollout that never finishes is noticed. A merge patch of those two
 * annotations: the rest of the Deployment is the user's.
 */
public final class WorkloadRestarts {

  private static final Logger LOG = Logger.getLogger(WorkloadRestarts.class);

  private WorkloadRestarts() {}

  /** Returns how many Deployments were patched. */
  public static int restart(KubernetesClient client, RestartPlanner.RestartPlan plan) {
    for (HasMetadata deployment : plan.restartNow()) {
      client
          .resources(deployment.getClass())
          .inNamespace(deployment.getMetadata().getNamespace())
          .withName(deployment.getMetadata().getName())
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\""
                  + RestartPlanner.RESTARTED_FOR
                  + "\":\""
                  + plan.revision()
                  + "\",\""
                  + RestartPlanner.RESTARTED_AT
                  + "\":\""
                  + plan.restartedAt().truncatedTo(ChronoUnit.SECONDS)
                  + "\"}}}}}");
      LOG.infof(
          "restarted %s %s/%s onto revision %s",
          deployment.getKind(),
          deployment.getMetadata().getNamespace(),
          deployment.getMetadata().getName(),
          plan.revision());
    }
    return plan.restartNow().size();
  }
}
