package dev.meshoperator.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MeshEventsTest {

  @Test
  void longMessagesAreCutToWhatTheApiServerTakes() {
    assertThat(MeshEvents.fitting("short")).isEqualTo("short");
    for (String unit : new String[] {"x", "é", "“"}) {
      String cut = MeshEvents.fitting(unit.repeat(3000));
      assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
      assertThat(cut).startsWith(unit).endsWith("(see the status)");
    }
  }

  @Test
  void eventTimesAlwaysCarrySixFractionDigits() {
    // At a whole millisecond Instant.toString() gives three digits, which the API server refused.
    assertThat(MeshEvents.MICRO_TIME.format(Instant.parse("2026-12-06T19:15:41.804Z")))
        .isEqualTo("2026-12-06T19:15:41.804000Z");
    assertThat(MeshEvents.MICRO_TIME.format(Instant.parse("2026-12-06T19:15:41Z")))
        .isEqualTo("2026-12-06T19:15:41.000000Z");
    assertThat(MeshEvents.MICRO_TIME.format(Instant.parse("2026-12-06T19:15:41.804123456Z")))
        .isEqualTo("2026-12-06T19:15:41.804123Z");
  }
}
