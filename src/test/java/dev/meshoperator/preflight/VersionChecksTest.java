package dev.meshoperator.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.catalog.IstioRelease;
import dev.meshoperator.catalog.MinorVersion;
import dev.meshoperator.istioapi.PublishedApis;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VersionChecksTest {

  private static final VersionChecks.Move IN_PLACE = new VersionChecks.Move(false, false);
  private static final VersionChecks.Move CANARY = new VersionChecks.Move(true, false);
  private static final IstioRelease TARGET = release("1.30.4", "1.32", "1.36");

  @Test
  void inPlaceMovesOneMinorEitherWay() {
    assertThat(VersionChecks.check(TARGET, Optional.of("1.29.6"), Optional.empty(), IN_PLACE))
        .isEmpty();
    assertThat(VersionChecks.check(TARGET, Optional.of("1.31.4"), Optional.empty(), IN_PLACE))
        .isEmpty();
    assertThat(VersionChecks.check(TARGET, Optional.of("1.28.3"), Optional.empty(), IN_PLACE))
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.reason()).isEqualTo("UpgradeSkipsMinorVersions");
              assertThat(b.message())
                  .contains("an in-place move from 1.28.3 to 1.30.4 crosses 2 minor versions")
                  .contains("move to a 1.29 release first")
                  .contains("or set updateStrategy.type RevisionBased")
                  .doesNotContain("CRDs");
            });
  }

  @Test
  void aDowngradeSaysWhatBecomesOfIstiosCrds() {
    IstioRelease older = release("1.29.6", "1.31", "1.35");
    assertThat(VersionChecks.check(older, Optional.of("1.31.4"), Optional.empty(), IN_PLACE))
        .singleElement()
        .satisfies(
            b ->
                assertThat(b.message())
                    .contains("from 1.31.4 to 1.29.6")
                    .contains("move to a 1.30 release first")
                    .contains("Istio's CRDs stay at the newer release"));
  }

  @Test
  void canariesMoveTwoMinorsAndThreeAreBlockedEitherWay() {
    assertThat(VersionChecks.check(TARGET, Optional.of("1.28.10"), Optional.empty(), CANARY))
        .isEmpty();
    assertThat(VersionChecks.check(TARGET, Optional.of("1.27.3"), Optional.empty(), CANARY))
        .singleElement()
        .satisfies(
            b ->
                assertThat(b.message())
                    .contains("a canary from 1.27.3 to 1.30.4 crosses 3 minor versions")
                    .contains("move to a 1.29 release first")
                    .doesNotContain("RevisionBased"));
    IstioRelease older = release("1.26.1", "1.29", "1.33");
    assertThat(VersionChecks.check(older, Optional.of("1.30.4"), Optional.empty(), CANARY))
        .singleElement()
        .satisfies(b -> assertThat(b.message()).contains("move to a 1.28 release first"));
  }

  @Test
  void theOverrideLiftsTheStepLimitButNotKubernetes() {
    VersionChecks.Move allowed = new VersionChecks.Move(false, true);
    assertThat(VersionChecks.check(TARGET, Optional.of("1.26.1"), Optional.empty(), allowed))
        .isEmpty();
    assertThat(
            VersionChecks.check(
                TARGET, Optional.of("1.26.1"), Optional.of(MinorVersion.of("1.31")), allowed))
        .extracting(Blocker::reason)
        .containsExactly("UnsupportedKubernetesVersion");
  }

  @Test
  void aFirstInstallHasNoStepToCheck() {
    assertThat(VersionChecks.check(TARGET, Optional.empty(), Optional.empty(), IN_PLACE)).isEmpty();
  }

  @Test
  void kubernetesOutsideTheReleasesRangeIsBlocked() {
    assertThat(
            VersionChecks.check(
                TARGET, Optional.empty(), Optional.of(MinorVersion.of("1.34")), IN_PLACE))
        .isEmpty();
    assertThat(
            VersionChecks.check(
                TARGET, Optional.empty(), Optional.of(MinorVersion.of("1.31")), IN_PLACE))
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.reason()).isEqualTo("UnsupportedKubernetesVersion");
              assertThat(b.message()).contains("1.32 to 1.36").contains("runs 1.31");
            });
    assertThat(
            VersionChecks.check(
                TARGET, Optional.empty(), Optional.of(MinorVersion.of("1.37")), IN_PLACE))
        .hasSize(1);
  }

  private static IstioRelease release(String version, String kubeMin, String kubeMax) {
    return new IstioRelease(
        version,
        MinorVersion.of(version.substring(0, version.lastIndexOf('.'))),
        MinorVersion.of(kubeMin),
        MinorVersion.of(kubeMax),
        MinorVersion.of("1.25"),
        Optional.empty(),
        new PublishedApis().of("1.30.8"),
        List.of());
  }
}
