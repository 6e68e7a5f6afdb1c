package dev.meshoperator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.MeshInstallationStatus;
import dev.meshoperator.api.v1alpha1.RevisionStatus;
import dev.meshoperator.status.StatusEvents.MeshEvent;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusEventsTest {

  @Test
  void anUnchangedStatusTellsNothing() {
    MeshInstallationStatus ready = status("1.30.4", null, ready("True", "ComponentsReady"));
    assertThat(StatusEvents.between(ready, copy(ready))).isEmpty();
  }

  @Test
  void becomingReadyIsToldOnce() {
    MeshInstallationStatus installing =
        status("1.30.4", null, ready("False", "ComponentsNotReady"));
    MeshInstallationStatus ready = status("1.30.4", null, ready("True", "ComponentsReady"));
    assertThat(StatusEvents.between(installing, ready))
        .extracting(MeshEvent::reason, MeshEvent::warning)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Ready", false));
    assertThat(StatusEvents.between(null, installing))
        .as("not ready at first: no warning")
        .isEmpty();
  }

  @Test
  void aRevisionUpgradeStartsIsPromotedRolledBackAndPruned() {
    MeshInstallationStatus one =
        withRevisions(
            status("1.29.6", "r-1-29-6", ready("True", "ComponentsReady")), "r-1-29-6:1.29.6");
    MeshInstallationStatus two =
        withRevisions(
            status("1.30.4", "r-1-30-4", ready("True", "ComponentsReady")),
            "r-1-30-4:1.30.4",
            "r-1-29-6:1.29.6");
    assertThat(StatusEvents.between(one, two))
        .extracting(MeshEvent::reason)
        .containsExactly("UpgradeStarted", "Promoted");
    MeshInstallationStatus back =
        withRevisions(
            status("1.29.6", "r-1-29-6", ready("True", "ComponentsReady")),
            "r-1-30-4:1.30.4",
            "r-1-29-6:1.29.6");
    assertThat(StatusEvents.between(two, back))
        .extracting(MeshEvent::reason)
        .containsExactly("RolledBack");
    assertThat(StatusEvents.between(back, one))
        .extracting(MeshEvent::reason)
        .containsExactly("RevisionPruned");
  }

  @Test
  void failuresWarnOncePerVerdictAndLosingReadinessWarns() {
    MeshInstallationStatus ready = status("1.30.4", null, ready("True", "ComponentsReady"));
    MeshInstallationStatus refused = copy(ready);
    refused.setConditions(
        List.of(condition("Reconciled", "False", "Conflict", "another installation owns it")));
    assertThat(StatusEvents.between(ready, refused))
        .extracting(MeshEvent::reason, MeshEvent::warning)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Conflict", true));
    assertThat(StatusEvents.between(refused, copy(refused))).isEmpty();

    MeshInstallationStatus degraded = status("1.30.4", null, ready("False", "ComponentsNotReady"));
    assertThat(StatusEvents.between(ready, degraded))
        .extracting(MeshEvent::reason, MeshEvent::warning)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ComponentsNotReady", true));
  }

  @Test
  void releasesCompareByNumberNotByText() {
    assertThat(StatusEvents.older("1.9.0", "1.10.0")).isTrue();
    assertThat(StatusEvents.older("1.30.4", "1.29.6")).isFalse();
    assertThat(StatusEvents.older("1.30.4", "1.30.10")).isTrue();
  }

  private static MeshInstallationStatus status(String version, String active, Condition ready) {
    MeshInstallationStatus status = new MeshInstallationStatus();
    status.setVersion(version);
    status.setActiveRevision(active);
    status.setConditions(new ArrayList<>(List.of(ready)));
    return status;
  }

  private static MeshInstallationStatus withRevisions(
      MeshInstallationStatus status, String... revisions) {
    List<RevisionStatus> list = new ArrayList<>();
    for (String revision : revisions) {
      RevisionStatus r = new RevisionStatus();
      r.setName(revision.split(":")[0]);
      r.setVersion(revision.split(":")[1]);
      list.add(r);
    }
    status.setRevisions(list);
    return status;
  }

  private static MeshInstallationStatus copy(MeshInstallationStatus status) {
    return io.fabric8.kubernetes.client.utils.Serialization.clone(status);
  }

  private static Condition ready(String value, String reason) {
    return condition("Ready", value, reason, reason);
  }

  private static Condition condition(String type, String value, String reason, String message) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(value)
        .withReason(reason)
        .withMessage(message)
        .build();
  }
}
