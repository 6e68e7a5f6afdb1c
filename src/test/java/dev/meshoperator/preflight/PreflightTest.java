package dev.meshoperator.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.CniSpec;
import dev.meshoperator.api.v1alpha1.ComponentsSpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Platform;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.render.NetworkAttachmentDefinition;
import dev.meshoperator.testing.FakeSnapshot;
import dev.meshoperator.testing.Installations;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PreflightTest {

  private static final PlanResolver RESOLVER = new PlanResolver(IstioCatalog.load());

  @Test
  void openShiftWithoutMultusIsBlockedNamingTheMissingApi() {
    MeshInstallation mesh = installation(spec -> spec.setPlatform(Platform.OPENSHIFT));

    List<Blocker> blockers = Preflight.check(mesh, plan(mesh), new FakeSnapshot());

    assertThat(blockers)
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.reason()).isEqualTo("MultusMissing");
              assertThat(b.message())
                  .contains("spec.platform openshift", NetworkAttachmentDefinition.CRD_NAME);
            });
  }

  @Test
  void openShiftWithMultusServedPasses() {
    MeshInstallation mesh = installation(spec -> spec.setPlatform(Platform.OPENSHIFT));
    FakeSnapshot seen =
        new FakeSnapshot().establishedCrds(List.of(NetworkAttachmentDefinition.CRD_NAME));

    assertThat(Preflight.check(mesh, plan(mesh), seen)).isEmpty();
  }

  @Test
  void openShiftWithIstioCniLeftToAnotherToolNeedsNoMultus() {
    MeshInstallation mesh =
        installation(
            spec -> {
              spec.setPlatform(Platform.OPENSHIFT);
              CniSpec cni = new CniSpec();
              cni.setEnabled(false);
              ComponentsSpec components = new ComponentsSpec();
              components.setCni(cni);
              spec.setComponents(components);
            });

    assertThat(Preflight.check(mesh, plan(mesh), new FakeSnapshot())).isEmpty();
  }

  private static MeshInstallation installation(
      Consumer<dev.meshoperator.api.v1alpha1.MeshInstallationSpec> customize) {
    return Installations.unapplied(
        "mesh",
        spec -> {
          spec.setVersion("1.31.4");
          customize.accept(spec);
        });
  }

  private static MeshPlan plan(MeshInstallation mesh) {
    return RESOLVER.resolve(mesh);
  }
}
