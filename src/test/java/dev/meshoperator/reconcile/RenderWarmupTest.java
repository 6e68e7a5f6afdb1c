package dev.meshoperator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.catalog.RelatedImages;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The warm-up renders both data-plane profiles in full; a failure would only be logged. */
class RenderWarmupTest {

  private final RenderWarmup warmup =
      new RenderWarmup(
          IstioCatalog.load(),
          RelatedImages.none(),
          new KubernetesSerialization(),
          Clock.systemUTC(),
          1);

  @Test
  void rendersEveryObjectOfBothProfiles() {
    // The default profile alone renders about forty objects, the ambient one more.
    assertThat(warmup.warm(1, Duration.ofMinutes(1))).isGreaterThan(80);
  }

  @Test
  void rendersTheSameObjectsEachRoundAndNoneOnceItsTimeIsSpent() {
    int once = warmup.warm(1, Duration.ofMinutes(1));
    assertThat(warmup.warm(3, Duration.ofMinutes(1))).isEqualTo(3 * once);
    assertThat(warmup.warm(1_000, Duration.ZERO)).isZero();
  }
}
