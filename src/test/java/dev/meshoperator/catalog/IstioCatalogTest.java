package dev.meshoperator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IstioCatalogTest {

  private final IstioCatalog catalog = IstioCatalog.load();

  @Test
  void latestIsTheNewestPatchOfTheNewestLine() {
    assertThat(catalog.resolve("latest"))
        .hasValueSatisfying(r -> assertThat(r.version()).isEqualTo("1.31.4"));
  }

  @Test
  void minorLatestAliasPicksTheNewestPatchOfThatLine() {
    assertThat(catalog.resolve("1.29-latest"))
        .hasValueSatisfying(r -> assertThat(r.version()).isEqualTo("1.29.6"));
    assertThat(catalog.resolve("1.27-latest")).isEmpty();
  }

  @Test
  void anExactReleaseResolvesOnlyWhenCatalogued() {
    assertThat(catalog.resolve("1.28.9"))
        .hasValueSatisfying(
            r -> {
              assertThat(r.line()).isEqualTo(new MinorVersion(1, 28));
              assertThat(r.kubernetesMin()).isEqualTo(new MinorVersion(1, 30));
            });
    assertThat(catalog.resolve("1.28.99")).isEmpty();
  }

  @Test
  void preReleasesComeBeforeTheirReleaseAndAliasesPreferReleases() {
    assertThat(IstioRelease.compare("1.31.0-beta.1", "1.31.0")).isNegative();
    assertThat(IstioRelease.compare("1.31.0-beta.1", "1.31.0-rc.0")).isNegative();
    assertThat(IstioRelease.compare("1.31.0-rc.2", "1.31.0-rc.10")).isNegative();
    assertThat(IstioRelease.compare("1.31.0-rc.0", "1.30.9")).isPositive();
    assertThat(IstioRelease.compare("1.30.10", "1.30.9")).isPositive();

    IstioCatalog withPreReleases =
        catalog.withAdditions(
            "minorLines:\n- minor: \"1.31\"\n  patches: [1.31.5-rc.0]\n"
                + "- minor: \"1.32\"\n  kubernetes: {min: \"1.33\", max: \"1.37\"}\n"
                + "  oldestCompatibilityVersion: \"1.25\"\n"
                + "  patches: [1.32.0-beta.1, 1.32.0-alpha.2]\n",
            "test");
    assertThat(withPreReleases.releases().get(0).version()).isEqualTo("1.32.0-beta.1");
    assertThat(withPreReleases.resolve("latest"))
        .hasValueSatisfying(r -> assertThat(r.version()).isEqualTo("1.31.4"));
    assertThat(withPreReleases.resolve("1.31-latest"))
        .hasValueSatisfying(r -> assertThat(r.version()).isEqualTo("1.31.4"));
    assertThat(withPreReleases.resolve("1.32-latest"))
        .as("a line of pre-releases only")
        .hasValueSatisfying(r -> assertThat(r.version()).isEqualTo("1.32.0-beta.1"));
    assertThat(withPreReleases.resolve("1.31.5-rc.0")).isPresent();
  }

  @Test
  void aRuntimeCatalogs132LineGets132sOwnApi() {
    IstioCatalog with132 =
        catalog.withAdditions(
            "minorLines:\n- minor: \"1.32\"\n  kubernetes: {min: \"1.33\", max: \"1.37\"}\n"
                + "  oldestCompatibilityVersion: \"1.25\"\n  patches: [1.32.0]\n",
            "test");
    assertThat(with132.resolve("1.32.0").orElseThrow().api().release()).isEqualTo("1.32.0");
    assertThat(catalog.packagedApiReleases()).contains("1.32.0", "1.31.4").startsWith("1.28.3");
  }

  @Test
  void releasesAreNewestFirstAcrossLines() {
    assertThat(catalog.releases().get(0).version()).isEqualTo("1.31.4");
    assertThat(catalog.releases().get(catalog.releases().size() - 1).version()).isEqualTo("1.28.8");
  }

  @Test
  void compatibilityFlagsRestoreEveryChangeAfterTheRequestedLine() {
    IstioRelease r130 = catalog.resolve("1.30.4").orElseThrow();
    // Upstream's compatibility-version-1.28 profile for 1.30.
    assertThat(catalog.compatibilityFlags(r130, new MinorVersion(1, 28)).pilotEnv())
        .isEqualTo(
            Map.of(
                "DISABLE_TRACK_REMAINING_CB_METRICS",
                "false",
                "PILOT_SIDECAR_PICK_BEST_SERVICE_NAMESPACE",
                "false"));
    assertThat(catalog.compatibilityFlags(r130, new MinorVersion(1, 28)).cni())
        .isEqualTo(Map.of("reconcileIptablesOnStartup", "false"));
    // Upstream's compatibility-version-1.25 profile for 1.28 does not know later changes.
    IstioRelease r128 = catalog.resolve("1.28.10").orElseThrow();
    assertThat(catalog.compatibilityFlags(r128, new MinorVersion(1, 25)).pilotEnv())
        .containsOnlyKeys(
            "ENABLE_NATIVE_SIDECARS",
            "DISABLE_SHADOW_HOST_SUFFIX",
            "PILOT_SPAWN_UPSTREAM_SPAN_FOR_GATEWAY");
    assertThat(catalog.compatibilityFlags(r128, new MinorVersion(1, 25)).ambient())
        .isEqualTo(Map.of("shareHostNetworkNamespace", "true"));
    assertThat(catalog.compatibilityFlags(r130, new MinorVersion(1, 30)))
        .isEqualTo(CompatibilityFlags.NONE);
    // Upstream's compatibility-version-1.30 profile for 1.31 (the pinned module's), less its
    // PILOT_SPAWN_UPSTREAM_SPAN_FOR_GATEWAY, which its 1.28 and 1.29 profiles do not repeat.
    IstioRelease r131 = catalog.resolve("1.31.4").orElseThrow();
    assertThat(catalog.compatibilityFlags(r131, new MinorVersion(1, 30)).pilotEnv())
        .isEqualTo(
            Map.of(
                "PILOT_ENABLE_STRICT_GATEWAY_MERGING",
                "false",
                "PILOT_AUTO_SEND_UNHEALTHY_ENDPOINTS",
                "false"));
  }

  @Test
  void minorVersionReadsReleasesAliasesAndKubernetesVersions() {
    assertThat(MinorVersion.of("v1.34.4")).isEqualTo(new MinorVersion(1, 34));
    assertThat(MinorVersion.of("1.30-latest")).isEqualTo(new MinorVersion(1, 30));
    assertThat(new MinorVersion(1, 9).isBefore(new MinorVersion(1, 10))).isTrue();
  }
}
