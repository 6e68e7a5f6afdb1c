package dev.meshoperator.plan;

import dev.meshoperator.api.v1alpha1.DisruptionBudgetSpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.Optional;

/**
 * A Deployment's PodDisruptionBudget: exactly one of the two bounds is set.
 *
 * @param minAvailable pods that must stay up, or null
 * @param maxUnavailable pods that may be down at once, or null
 */
public record DisruptionBudget(IntOrString minAvailable, IntOrString maxUnavailable) {

  private static final DisruptionBudget ONE_AVAILABLE =
      new DisruptionBudget(new IntOrString(1), null);

  /**
   * The user's budget; unset, one pod stays up whenever more than one is guaranteed (a budget of
   * one available pod over a single replica would block every node drain).
   */
  static Optional<DisruptionBudget> of(DisruptionBudgetSpec user, Scaling scaling) {
    if (user != null && Boolean.FALSE.equals(user.getEnabled())) {
      return Optional.empty();
    }
    if (user != null && (user.getMinAvailable() != null || user.getMaxUnavailable() != null)) {
      return Optional.of(new DisruptionBudget(user.getMinAvailable(), user.getMaxUnavailable()));
    }
    if (user != null && Boolean.TRUE.equals(user.getEnabled())) {
      return Optional.of(ONE_AVAILABLE);
    }
    boolean severalGuaranteed =
        scaling.autoscale() != null
            ? scaling.autoscale().min() > 1
            : scaling.replicas() != null && scaling.replicas() > 1;
    return severalGuaranteed ? Optional.of(ONE_AVAILABLE) : Optional.empty();
  }
}
