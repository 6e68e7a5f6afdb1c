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

  /**
   * What runs, as the cluster and the last status say.
   *
   * @param running the installation's revisions found running
   * @param active the revision the default tag points at now, if any
   * @param unusedSince when each unused, inactive revision was first seen so, as last reported
   */
  public record Observed(
      List<RunningRevision> running, Optional<String> active, Map<String, Instant> unusedSince) {}

  /**
   * How the spec says to move between revisions.
   *
   * @param promotion when the default tag moves to the target
   * @param promoted the revision a Manual promotion names, if any
   * @param grace how long an unused, inactive revision is kept
   */
  public record Policy(Promotion promotion, Optional<String> promoted, Duration grace) {}

  private RevisionPlanner() {}

  /**
   * @param target the revision of the spec's version
   * @param pinned revisions that named tags point at: kept, and started when missing
   */
  public static Decision decide(
      String target, List<String> pinned, Observed observed, Policy policy, Instant now) {
    List<RunningRevision> running = observed.running();
    Optional<String> currentActive = observed.active();
    Map<String, Instant> previousUnusedSince = observed.unusedSince();
    Promotion promotion = policy.promotion();
    Optional<String> promoted = policy.promoted();
    Duration grace = policy.grace();
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
