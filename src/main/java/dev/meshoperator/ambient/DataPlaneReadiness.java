package dev.meshoperator.ambient;

import dev.meshoperator.observe.ComponentHealth;
import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.render.CniRenderer;
import dev.meshoperator.render.IstiodRenderer;
import dev.meshoperator.render.ZtunnelRenderer;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether new namespaces may join the ambient data plane: a pod in an enrolled namespace has no
 * traffic redirection until istio-cni (ambient mode), ztunnel and an ambient-aware istiod all work.
 * Namespaces already enrolled stay enrolled meanwhile (a rolling update is not a reason to pull a
 * namespace out). Pure.
 */
public final class DataPlaneReadiness {

  private static final Set<String> AMBIENT_COMPONENTS =
      Set.of(IstiodRenderer.COMPONENT, CniRenderer.COMPONENT, ZtunnelRenderer.COMPONENT);

  private DataPlaneReadiness() {}

  /** Why enrollment must wait, or empty when it may go ahead. */
  public static Optional<String> waitingFor(MeshPlan plan, List<ComponentHealth> health) {
    if (plan.ztunnel().isEmpty()) {
      return Optional.of(
          "ztunnel is not enabled: use profile ambient or set spec.components.ztunnel.enabled");
    }
    if (plan.cni().isEmpty()
        || !Boolean.parseBoolean(plan.cni().get().settings().get("AMBIENT_ENABLED"))) {
      return Optional.of("istio-cni does not run in ambient mode: use profile ambient");
    }
    if (plan.istiod().isEmpty()
        || !Boolean.parseBoolean(plan.istiod().get().env().get("PILOT_ENABLE_AMBIENT"))) {
      return Optional.of("istiod does not serve ambient mode: use profile ambient");
    }
    List<String> notReady =
        health.stream()
            .filter(
                h ->
                    (AMBIENT_COMPONENTS.contains(h.component())
                            || h.component().startsWith(IstiodRenderer.COMPONENT + "-"))
                        && !h.isReady())
            .map(h -> h.component() + " (" + h.message() + ")")
            .toList();
    return notReady.isEmpty()
        ? Optional.empty()
        : Optional.of("waiting for " + String.join(", ", notReady) + " to be ready");
  }
}
