package dev.meshoperator.adopt;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.observe.ClusterSnapshot;
import dev.meshoperator.plan.InvalidSpecException;
import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.render.BaseRenderer;
import dev.meshoperator.render.IstiodRenderer;
import dev.meshoperator.revision.Rollout;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Comparator;
import java.util.List;

/**
 * Decides whether an installation can run beside the istiods other tools installed, and what it
 * leaves to them. Two control planes can share a cluster only as two revisions: an InPlace
 * installation is revision {@code default}, and so is the injector of a Helm or istioctl install
 * (by name, or through the istio-injection label its default tag follows); a revision of this
 * installation named like one of theirs would take their objects over. Both are refused with what
 * to change. Pure.
 */
public final class CoexistencePlanner {

  private CoexistencePlanner() {}

  public static Coexistence plan(MeshInstallation mesh, Rollout rollout, ClusterSnapshot seen) {
    List<ForeignRevision> foreign =
        seen.foreignIstiods().stream()
            .map(ForeignRevision::of)
            .sorted(Comparator.comparing(ForeignRevision::istiod))
            .toList();
    if (foreign.isEmpty()) {
      return Coexistence.ALONE;
    }
    if (!PlanResolver.isRevisionBased(mesh)) {
      if (rollout.active().istiod().isEmpty()) {
        // Without istiod it injects nothing, and the validator is the other install's to serve.
        return new Coexistence(foreign, !holdsDefault(seen, rollout.active().namespace()));
      }
      if (runsIstiod(seen, rollout.active())) {
        // It was here first: the other install is the newcomer, and this one keeps what it serves.
        return new Coexistence(foreign, false);
      }
      throw new InvalidSpecException(
          InvalidSpecException.Reason.PreflightFailed,
          "ForeignIstio: "
              + foreign.get(0).describe()
              + " serves this cluster; an InPlace installation is revision default and would"
              + " inject the same namespaces. Set spec.updateStrategy.type to RevisionBased to run"
              + " a revision of this installation beside it (docs/migration.md)");
    }
    for (MeshPlan revision : rollout.revisions()) {
      for (ForeignRevision other : foreign) {
        if (other.revision().equals(revision.revision())
            || other.istiod().equals(revision.namespace() + "/" + revision.istiodName())) {
          throw new InvalidSpecException(
              InvalidSpecException.Reason.PreflightFailed,
              "ForeignIstio: revision "
                  + revision.revision()
                  + " of this installation is taken by "
                  + other.describe()
                  + "; rename the MeshInstallation so that its revisions are named otherwise");
        }
      }
    }
    for (String tag : rollout.namedTags().keySet()) {
      for (ForeignRevision other : foreign) {
        if (other.revision().equals(tag)) {
          throw new InvalidSpecException(
              InvalidSpecException.Reason.PreflightFailed,
              "ForeignIstio: tag "
                  + tag
                  + " of spec.updateStrategy.tags is the revision of "
                  + other.describe()
                  + "; namespaces labelled istio.io/rev="
                  + tag
                  + " would be injected by both, so name the tag otherwise");
        }
      }
    }
    return new Coexistence(foreign, !holdsDefault(seen, rollout.active().namespace()));
  }

  private static boolean runsIstiod(ClusterSnapshot seen, MeshPlan plan) {
    return seen.owned(Deployment.class, plan.namespace(), plan.istiodName()).isPresent();
  }

  /**
   * An installation that served the default tag or validator before another tool's istiod appeared,
   * or took them over from it, keeps them: giving them up would leave namespaces labelled
   * istio-injection=enabled to an istiod nobody asked for, and delete what was taken over.
   */
  private static boolean holdsDefault(ClusterSnapshot seen, String namespace) {
    return seen.owned(
                MutatingWebhookConfiguration.class,
                null,
                IstiodRenderer.tagWebhookName(MeshPlan.DEFAULT_REVISION, namespace))
            .isPresent()
        || seen.owned(ValidatingWebhookConfiguration.class, null, BaseRenderer.DEFAULT_VALIDATOR)
            .isPresent();
  }
}
