package dev.meshoperator.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnownMatchesTest {

  private final KnownMatches known = new KnownMatches();

  @Test
  void aVersionFoundHoldingTheDesiredObjectHoldsAnEqualOne() {
    known.remember(live("uid-1", "7", "a"), desired("a"));

    assertThat(known.holds(live("uid-1", "7", "a"), desired("a"))).isTrue();
  }

  @Test
  void aNewVersionIsComparedAgain() {
    known.remember(live("uid-1", "7", "a"), desired("a"));

    assertThat(known.holds(live("uid-1", "8", "a"), desired("a"))).isFalse();
  }

  @Test
  void aChangedDesiredObjectIsComparedAgain() {
    known.remember(live("uid-1", "7", "a"), desired("a"));

    assertThat(known.holds(live("uid-1", "7", "a"), desired("b"))).isFalse();
  }

  @Test
  void anObjectDeletedAndCreatedAgainIsComparedAgain() {
    known.remember(live("uid-1", "7", "a"), desired("a"));

    assertThat(known.holds(live("uid-2", "7", "a"), desired("a"))).isFalse();
  }

  @Test
  void anObjectNeverSeenIsCompared() {
    assertThat(known.holds(live("uid-1", "7", "a"), desired("a"))).isFalse();
  }

  @Test
  void anObjectWithoutAVersionIsNotRemembered() {
    known.remember(live("uid-1", null, "a"), desired("a"));

    assertThat(known.size()).isZero();
  }

  @Test
  void pastTheLimitItStartsOver() {
    for (int i = 0; i <= KnownMatches.LIMIT; i++) {
      known.remember(live("uid-" + i, "1", "a", "cm-" + i), desired("a"));
    }

    assertThat(known.size()).isEqualTo(1);
    assertThat(
            known.holds(
                live("uid-" + KnownMatches.LIMIT, "1", "a", "cm-" + KnownMatches.LIMIT),
                desired("a")))
        .isTrue();
  }

  private static ConfigMap live(String uid, String version, String value) {
    return live(uid, version, value, "istio");
  }

  private static ConfigMap live(String uid, String version, String value, String name) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("istio-system")
        .withUid(uid)
        .withResourceVersion(version)
        .endMetadata()
        .withData(Map.of("mesh", value))
        .build();
  }

  private static ConfigMap desired(String value) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("istio")
        .withNamespace("istio-system")
        .endMetadata()
        .withData(Map.of("mesh", value))
        .build();
  }
}
