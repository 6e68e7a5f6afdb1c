package dev.meshoperator.revision;

import dev.meshoperator.api.v1alpha1.UpdateStrategy.Promotion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The revision state machine of a RevisionBased installation, one step per reconcile. Pure: its
 * whole state is in the cluster (istiod Deployments, the default tag's webhook) and in the status
 * (when a revision became unused), so a restarted operator resumes where it was.
 *
 * <ul>
 *   <li>The spec's version always has a revision: new (a canary), or an existing one (rollback).
 *   <li>The default tag moves to it once it is ready (Automatic), or to the revision of the
 *       promoted version (Manual); with nothing ready yet it stays where it is.
 *   <li>Other revisions stay while pods or namespaces use them, and then for the grace period.
 * </ul>
 */
public final class RevisionPlanner {

  /**
   * What to run.
   *
   * @param keep the revisions to render, the target first
   * @param active the revision the default tag points at
   * @param unusedSince when each kept, unused, inactive revision was first seen so
   * @param recheckIn when a grace period ends, if one is running
   */
  public record Decision(
      List<String> keep,
      String active,
      Map<String, Instant> unusedSince,
      Optional<Duration> recheckIn) {}

  private RevisionPlanner() {}

  public static Decision decide(
      String target,
      List<RunningRevision> running,
      Optional<String> currentActive,
      Promotion promotion,
      Optional<String> promoted,
      Map<String, Instant> previousUnusedSince,
      Duration grace,
      Instant now) {
    return decide(
        target,
        running,
        currentActive,
        promotion,
        promoted,
        List.of(),
        previousUnusedSince,
        grace,
        now);
  }

  /** The same, with revisions that named tags pin: kept, and started when missing. */
  public static Decision decide(
      String target,
      List<RunningRevision> running,
      Optional<String> currentActive,
      Promotion promotion,
      Optional<String> promoted,
      List<String> pinned,
      Map<String, Instant> previousUnusedSince,
      Duration grace,
      Instant now) {
    Map<String, RunningRevision> byName = new LinkedHashMap<>();
    running.forEach(r -> byName.put(r.name(), r));
    Optional<String> stillActive = currentActive.filter(byName::containsKey);

    String active;
    if (promotion == Promotion.MANUAL) {
      active =
          promoted
              .filter(p -> byName.containsKey(p) && byName.get(p).ready())
              .or(() -> stillActive)
              .orElse(target);
    } else {
      boolean targetReady = byName.containsKey(target) && byName.get(target).ready();
      active = targetReady ? target : stillActive.orElse(target);
    }

    List<String> keep = new ArrayList<>(List.of(target));
    if (!active.equals(target)) {
      keep.add(active);
    }
    pinned.stream().filter(p -> !keep.contains(p)).forEach(keep::add);
    Map<String, Instant> unusedSince = new LinkedHashMap<>();
    Duration recheck = null;
    for (RunningRevision revision : running) {
      if (keep.contains(revision.name()) || revision.inUse()) {
        if (!keep.contains(revision.name())) {
          keep.add(revision.name());
        }
        continue;
      }
      Instant since = previousUnusedSince.getOrDefault(revision.name(), now);
      Duration left = Duration.between(now, since.plus(grace));
      if (left.isNegative() || left.isZero()) {
        continue;
      }
      keep.add(revision.name());
      unusedSince.put(revision.name(), since);
      recheck = recheck == null || left.compareTo(recheck) < 0 ? left : recheck;
    }
    return new Decision(List.copyOf(keep), active, unusedSince, Optional.ofNullable(recheck));
  }
}
