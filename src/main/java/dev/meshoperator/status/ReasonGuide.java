package dev.meshoperator.status;

import dev.meshoperator.status.Conditions.AdoptionReason;
import dev.meshoperator.status.Conditions.CatalogReason;
import dev.meshoperator.status.Conditions.EnrollmentReason;
import dev.meshoperator.status.Conditions.ReadyReason;
import dev.meshoperator.status.Conditions.ReconciledReason;
import dev.meshoperator.status.Conditions.RestartReason;
import dev.meshoperator.status.Conditions.SupportReason;
import dev.meshoperator.status.Conditions.WaypointsReason;
import dev.meshoperator.status.StatusEvents.Milestone;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each condition reason and Event reason means and what to do about it. docs/conditions.md is
 * generated from this, and a test fails when a reason of the enums has no entry here.
 */
public final class ReasonGuide {

  /** One reason's meaning and the reader's next step. */
  public record Entry(String meaning, String action) {}

  private static final Map<Enum<?>, Entry> GUIDE = new LinkedHashMap<>();

  static {
    add(
        ReconciledReason.Applied,
        "The current spec is accepted and everything it renders is applied.",
        "Nothing.");
    add(
        ReconciledReason.InvalidSpec,
        "The spec passed admission but cannot be acted on: a version outside the catalog, a"
            + " promotedVersion that is not running, a tag named like a revision.",
        "Fix the field the message names. What already runs is left as it was.");
    add(
        ReconciledReason.Conflict,
        "Another MeshInstallation already owns what this one would write (the same control-plane"
            + " namespace, the default revision, a namespace's enrollment).",
        "Delete or change one of the two; the operator checks again every 30 s.");
    add(
        ReconciledReason.PreflightFailed,
        "A check before any write failed: a version move Istio does not support (in place, more"
            + " than one minor line; as a canary, more than two), a Kubernetes version outside the"
            + " release's range, missing CRDs, a foreign webhook, an InPlace installation beside"
            + " another tool's istiod.",
        "Do what the message says; the operator checks again every 30 s.");
    add(
        ReconciledReason.ApplyFailed,
        "The API server refused or failed a write; the operator retries with backoff.",
        "Read the message and the operator's log; it clears once the write succeeds.");
    add(
        ReconciledReason.Paused,
        "spec.paused is true: nothing is written; status.preview lists what the next reconcile"
            + " would create, change (which fields) and delete. The rest of the status describes"
            + " what was last applied.",
        "Review status.preview, then set spec.paused to false to apply exactly that.");
    add(
        ReadyReason.ComponentsReady,
        "Every enabled component (istiod, node agents, gateways) is available.",
        "Nothing.");
    add(
        ReadyReason.ComponentsNotReady,
        "At least one enabled component is not available; status.components says which.",
        "Wait during an install or upgrade; otherwise look at that component's pods.");
    add(
        ReadyReason.NoComponentsEnabled,
        "The spec enables no component (the empty profile with nothing switched on).",
        "Nothing, if intended; otherwise choose a profile or enable components.");
    add(
        EnrollmentReason.Enrolled,
        "Every namespace spec.ambient selects is in the ambient data plane.",
        "Nothing.");
    add(
        EnrollmentReason.WaitingForDataPlane,
        "Namespaces are selected but istio-cni or ztunnel is not ready, so none is labelled yet.",
        "Wait; if it lasts, look at the istio-cni and ztunnel DaemonSets.");
    add(
        EnrollmentReason.Conflicts,
        "Some selected namespaces are left alone: they use sidecars, belong to another"
            + " installation, or are system namespaces; status.ambient lists them.",
        "Move or relabel them, or set spec.ambient.switchSidecarNamespaces for sidecar ones.");
    add(
        WaypointsReason.WaypointsReady,
        "Every waypoint spec.ambient asks for is programmed by istiod.",
        "Nothing.");
    add(
        WaypointsReason.NotReady,
        "Some waypoints are not programmed yet; status.ambient.waypoints says which.",
        "Wait; if it lasts, read the waypoint Gateway's status and istiod's log.");
    add(
        WaypointsReason.GatewayAPIMissing,
        "Waypoints need the Gateway API CRDs, which the cluster does not have.",
        "Install the Gateway API CRDs (standard channel); the operator notices them.");
    add(
        RestartReason.Restarted,
        "Every workload of a migrated namespace runs on the active revision.",
        "Nothing.");
    add(
        RestartReason.Restarting,
        "Workloads are being restarted onto the active revision, a batch at a time.",
        "Wait; the message names the batch rolling out.");
    add(
        RestartReason.RolloutTimedOut,
        "A restarted workload did not roll out within rolloutTimeoutSeconds; no further batch"
            + " starts.",
        "Look at the named workload's pods (scheduling, image, probes); the restarts go on once"
            + " it has rolled out.");
    add(
        CatalogReason.Loaded,
        "The runtime catalogs (ConfigMaps labelled mesh.operator.dev/istio-catalog in the"
            + " operator's namespace) are merged into the built-in catalog.",
        "Nothing; their releases can be installed.");
    add(
        CatalogReason.Invalid,
        "A runtime catalog cannot be read or names a release wrongly; all runtime catalogs are left"
            + " out and the built-in catalog is used.",
        "Fix the ConfigMap the message names.");
    add(
        SupportReason.EndOfLife,
        "The installed release's minor line is past its end of life upstream: the mesh runs, but"
            + " gets no more security patches. (A new installation of such a line is refused unless"
            + " spec.allowEndOfLife is set.)",
        "Move to a supported line: one minor at a time in place, or two as a canary.");
    add(
        Milestone.AliasFollowed,
        "spec.version is an alias (latest, 1.N-latest) and now names another release, so Istio is"
            + " being upgraded to it.",
        "Nothing, if following the alias is intended; otherwise write the exact version.");
    add(
        Milestone.DefaultedVersionKept,
        "spec.version holds an alias an earlier CRD of the operator defaulted (no field manager"
            + " wrote it): it counts as unset, so the installed release is kept and an operator"
            + " upgrade does not move Istio. status.versionSource says Defaulted.",
        "Nothing; write spec.version (a release or an alias) to move the mesh.");
    add(
        AdoptionReason.Beside,
        "Another tool's istiod (Helm, istioctl) runs in the cluster, and this installation runs"
            + " beside it as a revision of its own. The default revision tag and the"
            + " istiod-default-validator stay with the other install, so namespaces labelled"
            + " istio-injection=enabled keep their istiod; an InPlace installation that ran first"
            + " keeps them instead.",
        "Label a namespace istio.io/rev=<this revision> and restart its workloads to move it;"
            + " docs/migration.md walks through the whole move.");
    add(
        AdoptionReason.UnknownRevision,
        "spec.adopt.revision names a revision no istiod of another tool serves in the cluster:"
            + " nothing moves, and nothing is handed over.",
        "Name one of the revisions status.foreignIstio lists (default for an install without a"
            + " revision).");
    add(
        AdoptionReason.WaitingForRevision,
        "spec.adopt asks to move namespaces off another tool's istiod, and this installation's"
            + " revision is not ready yet: nothing moves.",
        "Wait; if it lasts, see Ready and the revision's istiod.");
    add(
        AdoptionReason.Moving,
        "Namespaces are moving off the other install's revision: each is labelled istio.io/rev with"
            + " this installation's revision (its old label recorded on it), and its workloads"
            + " follow as they restart. status.adoption lists every namespace and the workloads"
            + " still on the other revision.",
        "Wait, with updateStrategy.workloadRestart on; otherwise restart the listed workloads.");
    add(
        AdoptionReason.MoveStopped,
        "A workload restarted onto this installation's revision did not roll out in time: no"
            + " further namespace moves.",
        "Fix the workload WorkloadsRestarted names, and the move goes on; or remove spec.adopt to"
            + " put the moved namespaces' labels back (their workloads return as they restart).");
    add(
        AdoptionReason.Moved,
        "No namespace and no pod uses the other install's revision any more; it still serves the"
            + " default revision tag and validation.",
        "Set spec.adopt.handOver: true to take them over.");
    add(
        AdoptionReason.HandedOver,
        "This installation serves the default revision tag and istiod-default-validator in place"
            + " of the other install, and nothing uses that install's revision. The message lists"
            + " the commands that remove what is left of it; the operator never runs them.",
        "Run the listed commands (Istio's CRDs stay); the condition goes once the other istiod is"
            + " gone, and namespaces that came from istio-injection=enabled get that label back.");
    add(
        Milestone.ForeignIstioFound,
        "An istiod another tool installed (Helm, istioctl) runs in the cluster. The operator does"
            + " not write what that installation owns, and status.foreignIstio says who installed"
            + " it, its revision, and the namespaces and pods that use it.",
        "Nothing, to keep both; to move onto the operator, see docs/migration.md.");
    add(
        Milestone.OverlaysApplied,
        "spec.overlays patched rendered objects: settings applied, not modelled. status.overlays"
            + " lists them; the operator checks only that they keep what it owns, not what they"
            + " mean to Istio.",
        "Nothing; when a typed field covers a setting, move it there and drop the overlay.");
    add(
        Milestone.Paused,
        "spec.paused was set: the operator stopped writing and put what it would do in"
            + " status.preview.",
        "Review status.preview; set spec.paused to false to apply it.");
    add(
        Milestone.Ready,
        "The installation became Ready: an install, an in-place upgrade or a recovery finished.",
        "Nothing; after an install, label namespaces for injection or ambient.");
    add(
        Milestone.UpgradeStarted,
        "A revision-based upgrade started a new control plane beside the running one.",
        "Watch status.revisions; with Manual promotion, set promotedVersion when satisfied.");
    add(
        Milestone.Promoted,
        "The default revision (tag) moved to a newer control plane.",
        "Restart workloads onto it, or let workloadRestart do it.");
    add(
        Milestone.RolledBack,
        "The default revision moved back to an older control plane.",
        "Restart workloads that already moved, if they should return too.");
    add(
        Milestone.RevisionPruned,
        "An inactive revision with no pods and no namespaces was removed after its grace period.",
        "Nothing.");
    add(
        Milestone.WorkloadsRestarted,
        "A batch of workloads was restarted onto the active revision.",
        "Nothing; the next batch follows when these are available.");
  }

  private ReasonGuide() {}

  private static void add(Enum<?> reason, String meaning, String action) {
    GUIDE.put(reason, new Entry(meaning, action));
  }

  /** The entry of {@code reason}; every reason of the enums has one. */
  public static Entry of(Enum<?> reason) {
    Entry entry = GUIDE.get(reason);
    if (entry == null) {
      throw new IllegalArgumentException("no guide entry for reason " + reason);
    }
    return entry;
  }
}
