package dev.meshoperator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.MeshInstallationStatus;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.testing.Installations;
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
