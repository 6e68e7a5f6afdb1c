package dev.meshoperator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.MeshInstallationStatus;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.testing.Installations;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestedVersionTest {

  private final PlanResolver resolver = new PlanResolver(IstioCatalog.load());

  @Test
  void aWrittenVersionIsAReleaseOrAnAlias() {
    assertThat(RequestedVersion.of(with("1.29.6", null)))
        .isEqualTo(new RequestedVersion("1.29.6", "Release"));
    assertThat(RequestedVersion.of(with("latest", "1.29.6")))
        .isEqualTo(new RequestedVersion("latest", "Alias"));
    assertThat(RequestedVersion.of(with("1.29-latest", null)).source()).isEqualTo("Alias");
  }

  @Test
  void anUnsetVersionIsTheNewestAtFirstAndWhatRunsAfterThat() {
    assertThat(resolver.resolve(with(null, null)).release().version())
        .isEqualTo(IstioCatalog.load().releases().get(0).version());
    MeshInstallation running = with(null, "1.28.10");
    assertThat(RequestedVersion.of(running))
        .isEqualTo(new RequestedVersion("1.28.10", "Installed"));
    assertThat(resolver.resolve(running).release().version()).isEqualTo("1.28.10");
  }

  @Test
  void anAliasNobodyWroteKeepsWhatRuns() {
    MeshInstallation defaulted = with("latest", "1.30.4");
    defaulted
        .getMetadata()
        .setManagedFields(List.of(manager("kubectl-client-side-apply", "f:profile")));
    assertThat(RequestedVersion.of(defaulted))
        .isEqualTo(new RequestedVersion("1.30.4", "Defaulted"));
    assertThat(resolver.resolve(defaulted).release().version()).isEqualTo("1.30.4");

    MeshInstallation written = with("latest", "1.30.4");
    written.getMetadata().setManagedFields(List.of(manager("argocd-controller", "f:version")));
    assertThat(RequestedVersion.of(written)).isEqualTo(new RequestedVersion("latest", "Alias"));

    MeshInstallation firstInstall = with("latest", null);
    firstInstall.getMetadata().setManagedFields(List.of(manager("kubectl", "f:profile")));
    assertThat(RequestedVersion.of(firstInstall).source()).isEqualTo("Alias");
  }

  @Test
  void kubectlsRecordOfWhatWasAppliedSaysWhetherTheVersionWasWritten() {
    MeshInstallation defaulted = lastApplied("{\"spec\":{\"profile\":\"ambient\"}}");
    defaulted
        .getMetadata()
        .setManagedFields(List.of(manager("kubectl-client-side-apply", "f:version")));
    assertThat(RequestedVersion.of(defaulted).source()).isEqualTo("Defaulted");

    MeshInstallation applied = lastApplied("{\"spec\":{\"version\":\"latest\"}}");
    applied
        .getMetadata()
        .setManagedFields(List.of(manager("kubectl-client-side-apply", "f:version")));
    assertThat(RequestedVersion.of(applied).source()).isEqualTo("Alias");
  }

  @Test
  void aVersionPatchedInAfterAClientSideApplyCountsAsWritten() {
    MeshInstallation patched = lastApplied("{\"spec\":{\"profile\":\"ambient\"}}");
    patched
        .getMetadata()
        .setManagedFields(
            List.of(
                manager("kubectl-client-side-apply", "f:profile"),
                manager("kubectl-patch", "f:version")));
    assertThat(RequestedVersion.of(patched).source()).isEqualTo("Alias");
  }

  @Test
  void onlyLatestWasEverADefault() {
    MeshInstallation lineAlias = with("1.30-latest", "1.30.4");
    lineAlias.getMetadata().setManagedFields(List.of(manager("kubectl", "f:profile")));
    assertThat(RequestedVersion.of(lineAlias).source()).isEqualTo("Alias");
  }

  private static MeshInstallation lastApplied(String json) {
    MeshInstallation mesh = with("latest", "1.30.4");
    mesh.getMetadata()
        .setAnnotations(Map.of("kubectl.kubernetes.io/last-applied-configuration", json));
    return mesh;
  }

  private static ManagedFieldsEntry manager(String name, String specField) {
    FieldsV1 fields = new FieldsV1();
    fields.setAdditionalProperty("f:spec", Map.of(specField, Map.of()));
    return new ManagedFieldsEntryBuilder()
        .withManager(name)
        .withOperation("Apply")
        .withFieldsType("FieldsV1")
        .withFieldsV1(fields)
        .build();
  }

  private static MeshInstallation with(String version, String running) {
    MeshInstallation mesh = Installations.unapplied("m", spec -> spec.setVersion(version));
    if (running != null) {
      MeshInstallationStatus status = new MeshInstallationStatus();
      status.setVersion(running);
      mesh.setStatus(status);
    }
    return mesh;
  }
}
