package dev.meshoperator.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.render.DesiredState;
import dev.meshoperator.testing.FakeSnapshot;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CrdEstablishmentTest {

  private static final Instant NOW = Instant.parse("2026-12-06T06:00:00Z");
  private static final DesiredState DESIRED =
      new DesiredState(
          List.<HasMetadata>of(
              crd("gateways.networking.istio.io"),
              crd("sidecars.networking.istio.io"),
              new ConfigMapBuilder().withNewMetadata().withName("istio").endMetadata().build()));

  @Test
  void onlyOurCrdsNamedLongerThanTheWindowAreTouched() {
    FakeSnapshot seen =
        new FakeSnapshot()
            .namedNotEstablished("gateways.networking.istio.io", NOW.minusSeconds(11))
            .namedNotEstablished("sidecars.networking.istio.io", NOW.minusSeconds(9))
            .namedNotEstablished("widgets.example.com", NOW.minusSeconds(600));

    assertThat(new CrdEstablishment().stalled(DESIRED, seen, NOW))
        .containsExactly("gateways.networking.istio.io");
  }

  @Test
  void aTouchedCrdIsTouchedAgainOnlyAfterAnotherWindow() {
    CrdEstablishment establishment = new CrdEstablishment();
    FakeSnapshot seen =
        new FakeSnapshot()
            .namedNotEstablished("gateways.networking.istio.io", NOW.minusSeconds(60));
    assertThat(establishment.stalled(DESIRED, seen, NOW)).hasSize(1);
    establishment.touched(List.of("gateways.networking.istio.io"), NOW);

    assertThat(establishment.stalled(DESIRED, seen, NOW.plusSeconds(9))).isEmpty();
    assertThat(establishment.stalled(DESIRED, seen, NOW.plusSeconds(11)))
        .containsExactly("gateways.networking.istio.io");
  }

  @Test
  void establishedCrdsAreLeftAloneAndNeedNoSecondLook() {
    FakeSnapshot seen =
        new FakeSnapshot()
            .crd(meta("gateways.networking.istio.io"))
            .crd(meta("sidecars.networking.istio.io"))
            .establishedCrds(
                List.of("gateways.networking.istio.io", "sidecars.networking.istio.io"));

    assertThat(new CrdEstablishment().stalled(DESIRED, seen, NOW)).isEmpty();
    assertThat(CrdEstablishment.recheckIn(DESIRED, seen)).isEmpty();
  }

  @Test
  void aCrdBeingCreatedOrWaitingIsLookedAtAgainAfterTheWindow() {
    FakeSnapshot creating =
        new FakeSnapshot()
            .crd(meta("gateways.networking.istio.io"))
            .establishedCrds(List.of("gateways.networking.istio.io"));
    FakeSnapshot waiting =
        new FakeSnapshot()
            .crd(meta("gateways.networking.istio.io"))
            .establishedCrds(List.of("gateways.networking.istio.io"))
            .namedNotEstablished("sidecars.networking.istio.io", NOW);

    assertThat(CrdEstablishment.recheckIn(DESIRED, creating))
        .isEqualTo(Optional.of(Duration.ofSeconds(10)));
    assertThat(CrdEstablishment.recheckIn(DESIRED, waiting))
        .isEqualTo(Optional.of(Duration.ofSeconds(10)));
  }

  @Test
  void aCrdWhoseNamesWereRefusedWaitsForASpecChange() {
    FakeSnapshot seen =
        new FakeSnapshot()
            .crd(meta("gateways.networking.istio.io"))
            .crd(meta("sidecars.networking.istio.io"))
            .establishedCrds(List.of("gateways.networking.istio.io"));

    assertThat(new CrdEstablishment().stalled(DESIRED, seen, NOW)).isEmpty();
    assertThat(CrdEstablishment.recheckIn(DESIRED, seen)).isEmpty();
  }

  private static HasMetadata crd(String name) {
    return new CustomResourceDefinitionBuilder().withMetadata(meta(name)).build();
  }

  private static io.fabric8.kubernetes.api.model.ObjectMeta meta(String name) {
    return new ObjectMetaBuilder().withName(name).build();
  }
}
