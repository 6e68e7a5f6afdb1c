package dev.meshoperator.preflight;

import dev.meshoperator.catalog.IstioRelease;
import dev.meshoperator.catalog.MinorVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The version checks of upstream's precheck, as blockers: a step over more than two minor lines
 * (upstream tests upgrades of up to two), and a Kubernetes version outside the range the target
 * release supports. Pure.
 */
public final class VersionChecks {

  static final int MAX_MINOR_STEP = 2;

  private VersionChecks() {}

  /**
   * @param running the version the installation runs now (its status), or empty on first install
   * @param kubernetes the API server's version, or empty when it could not be read
   */
  public static List<Blocker> check(
      IstioRelease target, Optional<String> running, Optional<MinorVersion> kubernetes) {
    List<Blocker> blockers = new ArrayList<>();
    running
        .map(MinorVersion::of)
        .filter(from -> from.major() == target.line().major())
        .filter(from -> Math.abs(target.line().minor() - from.minor()) > MAX_MINOR_STEP)
        .ifPresent(
            from ->
                blockers.add(
                    new Blocker(
                        "UpgradeSkipsMinorVersions",
                        "from "
                            + running.get()
                            + " to "
                            + target.version()
                            + " crosses more than "
                            + MAX_MINOR_STEP
                            + " minor versions; step through an intermediate release")));
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
}
