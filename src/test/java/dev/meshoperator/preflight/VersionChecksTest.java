package dev.meshoperator.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.catalog.IstioRelease;
import dev.meshoperator.catalog.MinorVersion;
import dev.meshoperator.istioapi.PublishedApis;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VersionChecksTest {

  private static final IstioRelease TARGET =
      new IstioRelease(
          "1.30.4",
          MinorVersion.of("1.30"),
          MinorVersion.of("1.32"),
          MinorVersion.of("1.36"),
          MinorVersion.of("1.25"),
          new PublishedApis().of("1.30.8"),
          List.of());

  @Test
  void twoMinorStepsPassAndThreeAreBlockedEitherWay() {
    assertThat(VersionChecks.check(TARGET, Optional.of("1.28.10"), Optional.empty())).isEmpty();
    assertThat(VersionChecks.check(TARGET, Optional.of("1.27.3"), Optional.empty()))
        .extracting(Blocker::reason)
        .containsExactly("UpgradeSkipsMinorVersions");
    IstioRelease older =
        new IstioRelease(
            "1.26.1",
            MinorVersion.of("1.26"),
            MinorVersion.of("1.29"),
            MinorVersion.of("1.33"),
            MinorVersion.of("1.23"),
            new PublishedApis().of("1.30.8"),
            List.of());
    assertThat(VersionChecks.check(older, Optional.of("1.30.4"), Optional.empty()))
        .singleElement()
        .satisfies(b -> assertThat(b.message()).contains("from 1.30.4 to 1.26.1"));
  }

  @Test
  void aFirstInstallHasNoStepToCheck() {
    assertThat(VersionChecks.check(TARGET, Optional.empty(), Optional.empty())).isEmpty();
  }

  @Test
  void kubernetesOutsideTheReleasesRangeIsBlocked() {
    assertThat(VersionChecks.check(TARGET, Optional.empty(), Optional.of(MinorVersion.of("1.34"))))
        .isEmpty();
    assertThat(VersionChecks.check(TARGET, Optional.empty(), Optional.of(MinorVersion.of("1.31"))))
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.reason()).isEqualTo("UnsupportedKubernetesVersion");
              assertThat(b.message()).contains("1.32 to 1.36").contains("runs 1.31");
            });
    assertThat(VersionChecks.check(TARGET, Optional.empty(), Optional.of(MinorVersion.of("1.37"))))
        .hasSize(1);
  }
}
