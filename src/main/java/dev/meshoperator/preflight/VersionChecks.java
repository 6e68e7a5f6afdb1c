package dev.meshoperator.preflight;

import dev.meshoperator.catalog.IstioRelease;
import dev.meshoperator.catalog.MinorVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The version checks of upstream's precheck, as blockers: a version move Istio does not support
 * (upstream tests in-place upgrades one minor line at a time and canaries of up to two, either
 * way), and a Kubernetes version outside the range the target release supports. Pure.
 */
public final class VersionChecks {

  static final int MAX_IN_PLACE_STEP = 1;
  static final int MAX_CANARY_STEP = 2;

  /**
   * How the installation moves between versions.
   *
   * @param revisionBased each version runs as its own revision (a canary)
   * @param allowUnsupported the user's override of the minor-step limits
   */
  public record Move(boolean revisionBased, boolean allowUnsupported) {}

  private VersionChecks() {}

  /**
   * @param running the version the installation runs now (its status), or empty on first install
   * @param kubernetes the API server's version, or empty when it could not be read
   */
  public static List<Blocker> check(
      IstioRelease target, Optional<String> running, Optional<MinorVersion> kubernetes, Move move) {
    List<Blocker> blockers = new ArrayList<>();
    if (!move.allowUnsupported()) {
      running
          .map(MinorVersion::of)
          .filter(from -> from.major() == target.line().major())
          .flatMap(from -> minorStep(from, running.get(), target, move.revisionBased()))
          .ifPresent(blockers::add);
    }
    kubernetes
        .filter(k -> k.isBefore(target.kubernetesMin()) || k.isAfter(target.kubernetesMax()))
        .ifPresent(
            k ->
                blockers.add(
                    new Blocker(
                        "UnsupportedKubernetesVersion",
                        "Istio "
                            + target.line()
                            + " supports Kubernetes "
                            + target.kubernetesMin()
                            + " to "
                            + target.kubernetesMax()
                            + "; this cluster runs "
                            + k)));
    return blockers;
  }

  private static Optional<Blocker> minorStep(
      MinorVersion from, String running, IstioRelease target, boolean revisionBased) {
    int step = target.line().minor() - from.minor();
    int limit = revisionBased ? MAX_CANARY_STEP : MAX_IN_PLACE_STEP;
    if (Math.abs(step) <= limit) {
      return Optional.empty();
    }
    String move =
        (revisionBased ? "a canary" : "an in-place move")
            + " from "
            + running
            + " to "
            + target.version()
            + " crosses "
            + Math.abs(step)
            + " minor versions; Istio supports "
            + (revisionBased ? "canaries of up to two" : "in-place moves of one at a time");
    int viaMinor = from.minor() + Integer.signum(step) * limit;
    String advice =
        ": move to a "
            + from.major()
            + "."
            + viaMinor
            + " release first"
            + (revisionBased
                ? ""
                : (Math.abs(step) <= MAX_CANARY_STEP
                    ? ", or set updateStrategy.type RevisionBased (a canary)"
                    : ""))
            + (step < 0
                ? ". Istio's CRDs stay at the newer release on a downgrade (an older istiod reads"
                    + " them)"
                : "")
            + "; updateStrategy.allowUnsupportedVersionMoves overrides this check";
    return Optional.of(new Blocker("UpgradeSkipsMinorVersions", move + advice));
  }
}
