package dev.meshoperator.plan;

import dev.meshoperator.api.v1alpha1.WorkloadSpec;

/**
 * Replicas or autoscaling, never both: they would fight over the replica count.
 *
 * @param replicas fixed count, or null while autoscaling (or to keep the Deployment's default)
 * @param autoscale bounds, or null when the count is fixed
 */
record Scaling(Integer replicas, Autoscale autoscale) {

  private static final int DEFAULT_CPU_TARGET = 80;

  /**
   * The profile's autoscaling unless the user sets bounds (autoscaling with those) or a replica
   * count (autoscaling off).
   *
   * @param fixedDefault the count when the profile does not autoscale, or null for none
   */
  static Scaling of(Autoscale profile, Integer fixedDefault, WorkloadSpec user) {
    if (user.getAutoscaleMin() != null || user.getAutoscaleMax() != null) {
      Autoscale base = profile != null ? profile : new Autoscale(1, 5, DEFAULT_CPU_TARGET);
      int min = user.getAutoscaleMin() != null ? user.getAutoscaleMin() : base.min();
      int max = user.getAutoscaleMax() != null ? user.getAutoscaleMax() : Math.max(base.max(), min);
      return new Scaling(null, new Autoscale(min, max, base.targetCpuUtilization()));
    }
    if (user.getReplicas() != null) {
      return new Scaling(user.getReplicas(), null);
    }
    return profile != null ? new Scaling(null, profile) : new Scaling(fixedDefault, null);
  }
}
