package dev.meshoperator.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
}
