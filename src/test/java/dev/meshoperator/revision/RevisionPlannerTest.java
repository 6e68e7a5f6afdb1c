package dev.meshoperator.revision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.UpdateStrategy.Promotion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RevisionPlannerTest {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static final Duration GRACE = Duration.ofSeconds(30);

  @Test
  void aFirstInstallRunsAndActivatesTheTarget() {
    var decision = decide("new", List.of(), Optional.empty(), Promotion.AUTOMATIC, null, Map.of());
    assertThat(decision.keep()).containsExactly("new");
    assertThat(decision.active()).isEqualTo("new");
  }

  @Test
  void aCanaryRunsBesideTheActiveRevisionUntilItIsReady() {
    var starting =
        decide(
            "new",
            List.of(rev("old", true, 3), rev("new", false, 0)),
            Optional.of("old"),
            Promotion.AUTOMATIC,
            null,
            Map.of());
    assertThat(starting.active()).isEqualTo("old");
    assertThat(starting.keep()).containsExactly("new", "old");

    var ready =
        decide(
            "new",
            List.of(rev("old", true, 3), rev("new", true, 0)),
            Optional.of("old"),
            Promotion.AUTOMATIC,
            null,
            Map.of());
    assertThat(ready.active()).isEqualTo("new");
    assertThat(ready.keep()).as("old is still used by 3 pods").containsExactly("new", "old");
    assertThat(ready.unusedSince()).isEmpty();
  }

  @Test
  void anUnusedInactiveRevisionIsKeptForTheGracePeriodThenDropped() {
    List<RunningRevision> running = List.of(rev("old", true, 0), rev("new", true, 0));
    var first = decide("new", running, Optional.of("new"), Promotion.AUTOMATIC, null, Map.of());
    assertThat(first.keep()).containsExactly("new", "old");
    assertThat(first.unusedSince()).containsEntry("old", NOW);
    assertThat(first.recheckIn()).contains(GRACE);

    var later =
        decide(
            "new",
            running,
            Optional.of("new"),
            Promotion.AUTOMATIC,
            null,
            Map.of("old", NOW.minusSeconds(31)));
    assertThat(later.keep()).containsExactly("new");
    assertThat(later.recheckIn()).isEmpty();
  }

  @Test
  void manualPromotionWaitsForThePromotedVersion() {
    List<RunningRevision> running = List.of(rev("old", true, 0), rev("new", true, 0));
    assertThat(
            decide("new", running, Optional.of("old"), Promotion.MANUAL, null, Map.of()).active())
        .isEqualTo("old");
    assertThat(
            decide("new", running, Optional.of("old"), Promotion.MANUAL, "new", Map.of()).active())
        .isEqualTo("new");
  }

  @Test
  void rollingBackActivatesTheOldRevisionAtOnce() {
    var decision =
        decide(
            "old",
            List.of(rev("old", true, 2), rev("new", true, 0)),
            Optional.of("new"),
            Promotion.AUTOMATIC,
            null,
            Map.of());
    assertThat(decision.active()).isEqualTo("old");
    assertThat(decision.keep()).containsExactly("old", "new");
    assertThat(decision.unusedSince()).containsKey("new");
  }

  @Test
  void aRevisionPinnedByATagIsKeptAndStartedWhenMissing() {
    var decision =
        RevisionPlanner.decide(
            "new",
            List.of("old", "pinned-not-running"),
            new RevisionPlanner.Observed(
                List.of(rev("new", true, 0), rev("old", true, 0)), Optional.of("new"), Map.of()),
            new RevisionPlanner.Policy(Promotion.AUTOMATIC, Optional.empty(), GRACE),
            NOW);
    assertThat(decision.keep()).containsExactly("new", "old", "pinned-not-running");
    assertThat(decision.unusedSince()).isEmpty();
  }

  private static RevisionPlanner.Decision decide(
      String target,
      List<RunningRevision> running,
      Optional<String> active,
      Promotion promotion,
      String promoted,
      Map<String, Instant> unusedSince) {
    return RevisionPlanner.decide(
        target,
        List.of(),
        new RevisionPlanner.Observed(running, active, unusedSince),
        new RevisionPlanner.Policy(promotion, Optional.ofNullable(promoted), GRACE),
        NOW);
  }

  private static RunningRevision rev(String name, boolean ready, int pods) {
    return new RunningRevision(name, "1.30.4", ready, pods, 0, List.of());
  }
}
