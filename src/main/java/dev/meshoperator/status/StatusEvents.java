package dev.meshoperator.status;

import dev.meshoperator.api.v1alpha1.ForeignIstioStatus;
import dev.meshoperator.api.v1alpha1.MeshInstallationStatus;
import dev.meshoperator.api.v1alpha1.OverlayStatus;
import dev.meshoperator.api.v1alpha1.RevisionStatus;
import dev.meshoperator.catalog.IstioRelease;
import dev.meshoperator.plan.RequestedVersion;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Events a status change deserves, derived from the status before and after a reconcile (so an
 * unchanged status yields none): Normal ones for the milestones of an install and an upgrade,
 * Warning ones whenever a condition turns to a failure or changes its failure message.
 */
public final class StatusEvents {

  /** One Event to record on the installation. */
  public record MeshEvent(boolean warning, String reason, String message) {}

  /** Reasons of Normal Events. */
  public enum Milestone {
    Ready,
    UpgradeStarted,
    Promoted,
    RolledBack,
    RevisionPruned,
    WorkloadsRestarted,
    AliasFollowed,
    DefaultedVersionKept,
    ForeignIstioFound,
    Paused,
    OverlaysApplied
  }

  /** Condition reasons that are failures, whatever their condition. */
  private static final Set<String> FAILURES =
      Set.of(
          Conditions.ReconciledReason.InvalidSpec.name(),
          Conditions.ReconciledReason.Conflict.name(),
          Conditions.ReconciledReason.PreflightFailed.name(),
          Conditions.ReconciledReason.ApplyFailed.name(),
          Conditions.EnrollmentReason.Conflicts.name(),
          Conditions.WaypointsReason.GatewayAPIMissing.name(),
          Conditions.RestartReason.RolloutTimedOut.name(),
          Conditions.CatalogReason.Invalid.name(),
          Conditions.SupportReason.EndOfLife.name(),
          Conditions.AdoptionReason.MoveStopped.name(),
          Conditions.AdoptionReason.UnknownRevision.name());

  private StatusEvents() {}

  public static List<MeshEvent> between(
      MeshInstallationStatus before, MeshInstallationStatus after) {
    List<MeshEvent> events = new ArrayList<>();
    warnings(before, after, events);
    milestones(before, after, events);
    return events;
  }

  private static void warnings(
      MeshInstallationStatus before, MeshInstallationStatus after, List<MeshEvent> events) {
    for (Condition now : after.getConditions()) {
      Optional<Condition> was = condition(before, now.getType());
      boolean unchanged =
          was.isPresent()
              && Objects.equals(was.get().getStatus(), now.getStatus())
              && Objects.equals(was.get().getReason(), now.getReason())
              && Objects.equals(was.get().getMessage(), now.getMessage());
      if (unchanged || !"False".equals(now.getStatus())) {
        continue;
      }
      // Not ready is a failure only for what was ready before: an install is not ready at first.
      boolean regression =
          Conditions.READY.equals(now.getType())
              && was.map(c -> "True".equals(c.getStatus())).orElse(false);
      if (FAILURES.contains(now.getReason()) || regression) {
        events.add(new MeshEvent(true, now.getReason(), now.getMessage()));
      }
    }
  }

  private static void milestones(
      MeshInstallationStatus before, MeshInstallationStatus after, List<MeshEvent> events) {
    if (paused(after) && !paused(before)) {
      events.add(
          normal(
              Milestone.Paused,
              condition(after, Conditions.RECONCILED).orElseThrow().getMessage()));
    }
    List<OverlayStatus> overlays = Objects.requireNonNullElse(after.getOverlays(), List.of());
    if (!overlays.isEmpty() && !overlays.equals(before == null ? null : before.getOverlays())) {
      events.add(
          normal(
              Milestone.OverlaysApplied,
              "applied, not modelled: "
                  + overlays.stream()
                      .map(OverlayStatus::describe)
                      .collect(Collectors.joining("; "))));
    }
    if (ready(after) && !ready(before)) {
      events.add(
          normal(
              Milestone.Ready,
              "Istio "
                  + after.getVersion()
                  + " is installed and ready"
                  + (after.getActiveRevision() == null
                      ? ""
                      : " (revision " + after.getActiveRevision() + ")")));
    }
    if (before != null
        && before.getVersion() != null
        && after.getVersion() != null
        && !before.getVersion().equals(after.getVersion())
        && RequestedVersion.ALIAS.equals(after.getVersionSource())) {
      events.add(
          normal(
              Milestone.AliasFollowed,
              "spec.version is an alias, now Istio "
                  + after.getVersion()
                  + " (was "
                  + before.getVersion()
                  + ")"));
    }
    if (RequestedVersion.DEFAULTED.equals(after.getVersionSource())
        && (before == null || !RequestedVersion.DEFAULTED.equals(before.getVersionSource()))) {
      events.add(
          normal(
              Milestone.DefaultedVersionKept,
              "spec.version holds an alias that an earlier CRD of the operator defaulted and"
                  + " nobody wrote: Istio "
                  + after.getVersion()
                  + " stays installed; write spec.version to move it"));
    }
    Set<String> known =
        foreign(before).stream().map(StatusEvents::foreignKey).collect(Collectors.toSet());
    for (ForeignIstioStatus found : foreign(after)) {
      if (!known.contains(foreignKey(found))) {
        events.add(
            normal(
                Milestone.ForeignIstioFound,
                ForeignIstioReport.describe(found)
                    + "; the operator leaves it alone (see docs/migration.md)"));
      }
    }
    Map<String, RevisionStatus> old = revisions(before);
    Map<String, RevisionStatus> now = revisions(after);
    String active = after.getActiveRevision();
    String wasActive = before == null ? null : before.getActiveRevision();
    for (RevisionStatus revision : now.values()) {
      if (!old.isEmpty() && !old.containsKey(revision.getName())) {
        events.add(
            normal(
                Milestone.UpgradeStarted,
                "revision "
                    + revision.getName()
                    + " (Istio "
                    + revision.getVersion()
                    + ") started beside "
                    + wasActive));
      }
      RevisionStatus previous = old.get(revision.getName());
      int restarted = orZero(revision.getRestartedDeployments());
      if (previous != null && restarted > orZero(previous.getRestartedDeployments())) {
        events.add(
            normal(
                Milestone.WorkloadsRestarted,
                (restarted - orZero(previous.getRestartedDeployments()))
                    + " workloads restarted onto revision "
                    + revision.getName()
                    + " ("
                    + restarted
                    + " so far)"));
      }
    }
    if (wasActive != null && active != null && !wasActive.equals(active)) {
      RevisionStatus from = old.get(wasActive);
      RevisionStatus to = now.get(active);
      boolean back = from != null && to != null && older(to.getVersion(), from.getVersion());
      events.add(
          normal(
              back ? Milestone.RolledBack : Milestone.Promoted,
              "the default revision moved from " + wasActive + " to " + active));
    }
    for (RevisionStatus gone : old.values()) {
      if (!now.isEmpty() && !now.containsKey(gone.getName())) {
        events.add(
            normal(
                Milestone.RevisionPruned,
                "revision "
                    + gone.getName()
                    + " (Istio "
                    + gone.getVersion()
                    + ") was unused and is removed"));
      }
    }
  }

  private static MeshEvent normal(Milestone milestone, String message) {
    return new MeshEvent(false, milestone.name(), message);
  }

  private static List<ForeignIstioStatus> foreign(MeshInstallationStatus status) {
    return status == null || status.getForeignIstio() == null
        ? List.of()
        : status.getForeignIstio();
  }

  /** The same istiod, revision and tool: a change of counts is not news. */
  private static String foreignKey(ForeignIstioStatus found) {
    return found.getIstiod() + " " + found.getRevision() + " " + found.getTool();
  }

  private static boolean ready(MeshInstallationStatus status) {
    return condition(status, Conditions.READY).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  private static boolean paused(MeshInstallationStatus status) {
    return condition(status, Conditions.RECONCILED)
        .map(c -> Conditions.ReconciledReason.Paused.name().equals(c.getReason()))
        .orElse(false);
  }

  private static Optional<Condition> condition(MeshInstallationStatus status, String type) {
    return status == null ? Optional.empty() : Conditions.find(status.getConditions(), type);
  }

  private static Map<String, RevisionStatus> revisions(MeshInstallationStatus status) {
    if (status == null || status.getRevisions() == null) {
      return Map.of();
    }
    return status.getRevisions().stream()
        .collect(Collectors.toMap(RevisionStatus::getName, Function.identity(), (a, b) -> a));
  }

  /** Whether release {@code a} (1.29.6) comes before {@code b} (1.30.4). */
  static boolean older(String a, String b) {
    return IstioRelease.compare(a, b) < 0;
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
