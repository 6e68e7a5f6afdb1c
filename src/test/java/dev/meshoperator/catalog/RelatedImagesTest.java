package dev.meshoperator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.render.DesiredState;
import dev.meshoperator.render.MeshRenderer;
import dev.meshoperator.testing.Installations;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelatedImagesTest {

  private static final IstioCatalog CATALOG = IstioCatalog.load();
  private static final String MIRROR = "mirror.example.com/istio";
  private static final Map<String, String> ENV =
      Map.of(
          "RELATED_IMAGE_PILOT_1_30_4", MIRROR + "/pilot@sha256:" + "a".repeat(64),
          "RELATED_IMAGE_PROXYV2_1_30_4", MIRROR + "/proxyv2@sha256:" + "b".repeat(64),
          "RELATED_IMAGE_ZTUNNEL_1_30_4_DISTROLESS", MIRROR + "/ztunnel@sha256:" + "c".repeat(64),
          "RELATED_IMAGE_INSTALL_CNI_1_30_4_DISTROLESS", "");

  @Test
  void everyImageOfEveryReleaseHasItsVariable() {
    assertThat(RelatedImages.of(CATALOG))
        .hasSize(
            CATALOG.releases().size() * RelatedImages.IMAGES.size() * RelatedImages.VARIANTS.size())
        .anySatisfy(
            image -> {
              assertThat(image.environmentVariable())
                  .isEqualTo("RELATED_IMAGE_INSTALL_CNI_1_28_10");
              assertThat(image.reference()).isEqualTo("docker.io/istio/install-cni:1.28.10");
            });
  }

  @Test
  void aMirrorReplacesTheCatalogsDefaultsEverywhereIncludingInjectedProxies() {
    MeshPlan plan =
        new PlanResolver(CATALOG, RelatedImages.from(CATALOG, ENV))
            .resolve(Installations.unapplied("m", spec -> spec.setVersion("1.30.4")));
    DesiredState desired = MeshRenderer.render(plan);
    assertThat(image(desired, Deployment.class, "istiod"))
        .isEqualTo(ENV.get("RELATED_IMAGE_PILOT_1_30_4"));
    assertThat(image(desired, Deployment.class, "istio-ingressgateway"))
        .isEqualTo(ENV.get("RELATED_IMAGE_PROXYV2_1_30_4"));
    ConfigMap injector =
        desired.objects().stream()
            .filter(ConfigMap.class::isInstance)
            .map(ConfigMap.class::cast)
            .filter(c -> c.getMetadata().getName().equals("istio-sidecar-injector"))
            .findFirst()
            .orElseThrow();
    assertThat(injector.getData().get("values"))
        .contains("\"image\" : \"" + ENV.get("RELATED_IMAGE_PROXYV2_1_30_4") + "\"");
  }

  @Test
  void blankVariablesAndUserChosenRegistriesAreLeftAlone() {
    MeshPlan ambient =
        new PlanResolver(CATALOG, RelatedImages.from(CATALOG, ENV))
            .resolve(
                Installations.unapplied(
                    "m",
                    spec -> {
                      spec.setVersion("1.30.4");
                      spec.setProfile(dev.meshoperator.api.v1alpha1.Profile.AMBIENT);
                    }));
    assertThat(image(MeshRenderer.render(ambient), DaemonSet.class, "istio-cni-node"))
        .isEqualTo("docker.io/istio/install-cni:1.30.4-distroless");
    assertThat(image(MeshRenderer.render(ambient), DaemonSet.class, "ztunnel"))
        .isEqualTo(ENV.get("RELATED_IMAGE_ZTUNNEL_1_30_4_DISTROLESS"));

    MeshPlan own =
        new PlanResolver(CATALOG, RelatedImages.from(CATALOG, ENV))
            .resolve(
                Installations.unapplied(
                    "m",
                    spec -> {
                      spec.setVersion("1.30.4");
                      spec.setHub("registry.corp/istio");
                    }));
    assertThat(image(MeshRenderer.render(own), Deployment.class, "istiod"))
        .isEqualTo("registry.corp/istio/pilot:1.30.4");
    assertThat(own.proxyImage()).isEmpty();
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> String image(
      DesiredState desired, Class<T> kind, String name) {
    return desired.objects().stream()
        .filter(kind::isInstance)
        .filter(o -> o.getMetadata().getName().equals(name))
        .map(
            o ->
                o instanceof Deployment d
                    ? d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()
                    : ((DaemonSet) o)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name));
  }
}
