package dev.meshoperator.preflight;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.catalog.MinorVersion;
import dev.meshoperator.observe.ClusterCrds;
import dev.meshoperator.plan.InvalidSpecException;
import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.render.BaseRenderer;
import dev.meshoperator.render.DesiredState;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What upstream's precheck warns about, checked before anything is written: a blocker stops the
 * reconcile and is reported, and the running mesh stays as it is.
 */
public final class Preflight {

  private Preflight() {}

  /** Throws {@link InvalidSpecException} (PreflightFailed) naming every blocker, if any. */
  public static void require(
      MeshInstallation mesh,
      MeshPlan plan,
      DesiredState desired,
      Optional<MinorVersion> kubernetes,
      Context<MeshInstallation> context) {
    List<Blocker> blockers = check(mesh, plan, desired, kubernetes, context);
    if (!blockers.isEmpty()) {
      throw new InvalidSpecException(
          InvalidSpecException.Reason.PreflightFailed,
          blockers.stream()
              .map(b -> b.reason() + ": " + b.message())
              .collect(Collectors.joining("; ")));
    }
  }

  public static List<Blocker> check(
      MeshInstallation mesh,
      MeshPlan plan,
      DesiredState desired,
      Optional<MinorVersion> kubernetes,
      Context<MeshInstallation> context) {
    Optional<String> running = Optional.ofNullable(mesh.getStatus()).map(s -> s.getVersion());
    List<Blocker> blockers =
        new ArrayList<>(VersionChecks.check(plan.release(), running, kubernetes));
    if (!plan.baseEnabled() && plan.istiod().isPresent()) {
      Set<String> established = ClusterCrds.established(context);
      List<String> missing =
          BaseRenderer.crdNames(plan.release().line()).stream()
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
    blockers.addAll(ForeignWebhooks.check(desired, context));
    return blockers;
  }
}
