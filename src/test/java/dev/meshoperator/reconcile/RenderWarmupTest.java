package dev.meshoperator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.catalog.RelatedImages;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The warm-up renders both data-plane profiles in full; a failure would only be logged. */
class RenderWarmupTest {

  @Test
  void rendersEveryObjectOfBothProfiles() {
    RenderWarmup warmup =
        new RenderWarmup(
            IstioCatalog.load(),
            RelatedImages.none(),
            new KubernetesSerialization(),
            Clock.systemUTC());

    // The default profile alone renders about forty objects, the ambient one more.
    assertThat(warmup.warm()).isGreaterThan(80);
  }
}
