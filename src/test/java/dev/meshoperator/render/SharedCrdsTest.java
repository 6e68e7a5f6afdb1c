package dev.meshoperator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.AmbientSpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.catalog.IstioRelease;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.testing.Installations;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Istio's CRDs belong to the cluster, not to one installation: the ones the operator creates as it
 * starts must be exactly those an installation of the same release renders, or that installation
 * would rewrite all of them.
 */
class SharedCrdsTest {

  private static final IstioCatalog CATALOG = IstioCatalog.load();

  /** The newest release of each line the catalog ships. */
  static Stream<String> releases() {
    return CATALOG.releases().stream()
        .filter(
            r ->
                CATALOG.releases().stream().filter(o -> o.line().equals(r.line())).findFirst().get()
                    == r)
        .map(IstioRelease::version);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void theCrdsOfAReleaseAreTheSameWhoeverRendersThem(String version) {
    IstioRelease release = CATALOG.resolve(version).orElseThrow();
    List<HasMetadata> shared = sorted(MeshRenderer.istioCrds(release));

    assertThat(shared).isNotEmpty().allMatch(CustomResourceDefinition.class::isInstance);
    assertThat(crdsOf("mesh-a", release, Profile.AMBIENT)).isEqualTo(shared);
    assertThat(crdsOf("mesh-b", release, Profile.DEFAULT)).isEqualTo(shared);
    assertThat(shared)
        .allSatisfy(
            crd ->
                assertThat(crd.getMetadata().getLabels())
                    .containsEntry(OperatorLabels.MANAGED_BY, OperatorLabels.MANAGED_BY_VALUE)
                    .containsEntry(IstioLabels.VERSION, release.api().release())
                    .doesNotContainKey(OperatorLabels.INSTALLATION));
  }

  private static List<HasMetadata> crdsOf(String name, IstioRelease release, Profile profile) {
    MeshInstallation mesh =
        Installations.unapplied(
            name,
            spec -> {
              spec.setVersion(release.version());
              spec.setProfile(profile);
              if (profile == Profile.AMBIENT) {
                spec.setAmbient(new AmbientSpec());
              }
            });
    return sorted(
        MeshRenderer.render(new PlanResolver(CATALOG).resolve(mesh)).objects().stream()
            .filter(CustomResourceDefinition.class::isInstance)
            .toList());
  }

  private static List<HasMetadata> sorted(List<HasMetadata> objects) {
    return objects.stream()
        .sorted(Comparator.comparing((HasMetadata o) -> o.getMetadata().getName()))
        .toList();
  }
}
