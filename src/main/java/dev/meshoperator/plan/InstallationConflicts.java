package dev.meshoperator.plan;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.plan.InvalidSpecException.Reason;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * Two installations must never manage the same objects: both would apply them and relabel them in
 * turn, forever. The cluster-wide base (Istio's CRDs, the default validator), the node agents (one
 * istio-cni and one ztunnel per node), each control-plane namespace and each gateway belong to the
 * oldest installation that asks for them; a newer one is refused until the older one lets go. Pure.
 */
public final class InstallationConflicts {

  /** Older first; the name breaks ties between installations created in the same second. */
  static final Comparator<MeshInstallation> SENIORITY =
      Comparator.comparing(
              (MeshInstallation m) -> String.valueOf(m.getMetadata().getCreationTimestamp()))
          .thenComparing(m -> m.getMetadata().getName());

  private InstallationConflicts() {}

  /**
   * Throws when an older installation in {@code all} already claims what {@code plan} needs.
   * Installations whose own spec is invalid claim nothing.
   */
  public static void check(
      MeshInstallation mesh,
      MeshPlan plan,
      Collection<MeshInstallation> all,
      PlanResolver resolver) {
    all.stream()
        .filter(
            other -> !Objects.equals(other.getMetadata().getName(), mesh.getMetadata().getName()))
        .filter(other -> other.getMetadata().getDeletionTimestamp() == null)
        .filter(other -> SENIORITY.compare(other, mesh) < 0)
        .sorted(SENIORITY)
        .forEach(
            older ->
                planOf(older, resolver)
                    .ifPresent(
                        claimed -> {
                          if (claimed.namespace().equals(plan.namespace())) {
                            throw conflict(
                                "namespace "
                                    + plan.namespace()
                                    + " already hosts the control plane of"
                                    + " MeshInstallation "
                                    + older.getMetadata().getName()
                                    + "; choose another spec.namespace");
                          }
                          for (GatewayPlan gateway : plan.gateways()) {
                            boolean taken =
                                claimed.gateways().stream()
                                    .anyMatch(
                                        g ->
                                            g.namespace().equals(gateway.namespace())
                                                && g.name().equals(gateway.name()));
                            if (taken) {
                              throw conflict(
                                  "gateway "
                                      + gateway.namespace()
                                      + "/"
                                      + gateway.name()
                                      + " is already a gateway of MeshInstallation "
                                      + older.getMetadata().getName()
                                      + "; give it another name or namespace");
                            }
                          }
                          if (claimed.cni().isPresent() && plan.cni().isPresent()
                              || claimed.ztunnel().isPresent() && plan.ztunnel().isPresent()) {
                            throw conflict(
                                "the node agents (istio-cni, ztunnel) already run for MeshInstallation "
                                    + older.getMetadata().getName()
                                    + "; one set per cluster: disable cni and ztunnel here");
                          }
                          if (claimed.baseEnabled() && plan.baseEnabled()) {
                            throw conflict(
                                "Istio's CRDs and base objects are already installed by MeshInstallation "
                                    + older.getMetadata().getName()
                                    + "; set spec.components.base.enabled to false here");
                          }
                        }));
  }

  /**
   * Another installation's plan, or empty when it cannot be resolved: whatever is wrong with that
   * installation is reported on it, and must never fail this one.
   */
  private static Optional<MeshPlan> planOf(MeshInstallation other, PlanResolver resolver) {
    try {
      return Optional.of(resolver.resolve(other));
    } catch (RuntimeException unresolvable) {
      return Optional.empty();
    }
  }

  private static InvalidSpecException conflict(String message) {
    return new InvalidSpecException(Reason.Conflict, message);
  }
}
