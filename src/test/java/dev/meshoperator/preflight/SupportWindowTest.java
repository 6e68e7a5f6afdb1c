package dev.meshoperator.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.MeshInstallationStatus;
import dev.meshoperator.api.v1alpha1.RevisionStatus;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.catalog.IstioRelease;
import dev.meshoperator.plan.InvalidSpecException;
import dev.meshoperator.testing.Installations;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupportWindowTest {

  private static final IstioCatalog CATALOG = IstioCatalog.load();
  private static final IstioRelease EOL = CATALOG.resolve("1.28.10").orElseThrow();
  private static final Instant AFTER = Instant.parse("2026-12-06T00:00:00Z");

  @Test
  void theBuiltInCatalogKnowsWhen128Ended() {
    assertThat(EOL.endOfLife()).contains(LocalDate.parse("2026-07-01"));
    assertThat(EOL.endOfLifeBy(LocalDate.parse("2026-06-30"))).isFalse();
    assertThat(EOL.endOfLifeBy(LocalDate.parse("2026-07-01"))).isTrue();
    assertThat(CATALOG.resolve("1.31.4").orElseThrow().endOfLifeBy(AFTER)).isFalse();
  }

  @Test
  void aNewInstallationOfAnEndedLineIsRefusedSayingWhatToDo() {
    assertThatThrownBy(() -> SupportWindow.require(mesh(null, null), EOL, AFTER))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("Istio 1.28 reached its end of life on 2026-07-01")
        .hasMessageContaining("spec.allowEndOfLife");
  }

  @Test
  void aMoveOntoAnEndedLineIsRefusedToo() {
    assertThatThrownBy(() -> SupportWindow.require(mesh("1.29.6", null), EOL, AFTER))
        .isInstanceOf(InvalidSpecException.class);
  }

  @Test
  void anInstallationAlreadyOnTheLineOrAllowedGoesOn() {
    assertThatNoException()
        .isThrownBy(() -> SupportWindow.require(mesh("1.28.8", null), EOL, AFTER));
    assertThatNoException().isThrownBy(() -> SupportWindow.require(mesh(null, true), EOL, AFTER));
    assertThatNoException()
        .isThrownBy(
            () ->
                SupportWindow.require(
                    mesh(null, null), EOL, Instant.parse("2026-06-30T23:59:59Z")));
  }

  @Test
  void aRollbackOntoARevisionStillRunningGoesOn() {
    MeshInstallation canaried = mesh("1.29.6", null);
    RevisionStatus old = new RevisionStatus();
    old.setName("default-1-28-10");
    old.setVersion("1.28.10");
    canaried.getStatus().setRevisions(List.of(old));
    assertThatNoException().isThrownBy(() -> SupportWindow.require(canaried, EOL, AFTER));
  }

  private static MeshInstallation mesh(String running, Boolean allow) {
    MeshInstallation mesh =
        Installations.unapplied(
            "m",
            spec -> {
              spec.setVersion("1.28.10");
              spec.setAllowEndOfLife(allow);
            });
    if (running != null) {
      MeshInstallationStatus status = new MeshInstallationStatus();
      status.setVersion(running);
      mesh.setStatus(status);
    }
    return mesh;
  }
}
