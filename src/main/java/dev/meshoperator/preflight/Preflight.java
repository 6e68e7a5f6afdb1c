package dev.meshoperator.preflight;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.UpdateStrategy;
import dev.meshoperator.observe.ClusterSnapshot;
import dev.meshoperator.plan.InvalidSpecException;
import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.render.NetworkAttachmentDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What upstream's precheck warns about, checked while planning, before anything is written: a
 * blocker stops the reconcile and is reported, and the running mesh stays as it is. (Webhooks
 * another tool made are the writer's own guard: apply/ForeignObjects.)
 */
public final class Preflight {

  private Preflight() {}

  /** Throws {@link InvalidSpecException} (PreflightFailed) naming every blocker, if any. */
  public static void require(MeshInstallation mesh, MeshPlan plan, ClusterSnapshot seen) {
    List<Blocker> blockers = check(mesh, plan, seen);
    if (!blockers.isEmpty()) {
      throw new InvalidSpecException(
          InvalidSpecException.Reason.PreflightFailed,
          blockers.stream()
              .map(b -> b.reason() + ": " + b.message())
              .collect(Collectors.joining("; ")));
    }
  }

  public static List<Blocker> check(MeshInstallation mesh, MeshPlan plan, ClusterSnapshot seen) {
    Optional<String> running = Optional.ofNullable(mesh.getStatus()).map(s -> s.getVersion());
    List<Blocker> blockers =
        new ArrayList<>(
            VersionChecks.check(plan.release(), running, seen.kubernetesVersion(), move(mesh)));
    if (!plan.baseEnabled() && plan.istiod().isPresent()) {
      Set<String> established = seen.establishedCrds();
      List<String> missing =
          plan.release().api().crdNames().stream()
              .filter(name -> !established.contains(name))
              .sorted()
              .toList();
      if (!missing.isEmpty()) {
        blockers.add(
            new Blocker(
                "IstioCRDsMissing",
                "istiod needs Istio's CRDs and spec.components.base is off; missing: "
                    + String.join(", ", missing.subList(0, Math.min(3, missing.size())))
                    + (missing.size() > 3 ? " and " + (missing.size() - 3) + " more" : "")));
      }
    }
    if (plan.platform().openshift()
        && plan.cni().isPresent()
        && !seen.establishedCrds().contains(NetworkAttachmentDefinition.CRD_NAME)) {
      blockers.add(
          new Blocker(
              "MultusMissing",
              "spec.platform openshift runs istio-cni as a multus network, but this cluster does"
                  + " not serve multus's NetworkAttachmentDefinition API ("
                  + NetworkAttachmentDefinition.CRD_NAME
                  + "); install multus, or choose the platform the cluster runs"));
    }
    return blockers;
  }

  private static VersionChecks.Move move(MeshInstallation mesh) {
    UpdateStrategy strategy = mesh.getSpec() == null ? null : mesh.getSpec().getUpdateStrategy();
    return new VersionChecks.Move(
        PlanResolver.isRevisionBased(mesh),
        strategy != null && Boolean.TRUE.equals(strategy.getAllowUnsupportedVersionMoves()));
  }
}
