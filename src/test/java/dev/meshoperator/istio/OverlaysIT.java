package dev.meshoperator.istio;

import static dev.meshoperator.testing.istio.MeshWorkloads.CONTROL_PLANE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.OverlaySpec;
import dev.meshoperator.api.v1alpha1.OverlayStatus;
import dev.meshoperator.api.v1alpha1.PatchOperationSpec;
import dev.meshoperator.api.v1alpha1.PreviewChange;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.MeshEdits;
import dev.meshoperator.testing.Tiers;
import dev.meshoperator.testing.istio.IstioMesh;
import dev.meshoperator.testing.istio.IstiodProcess;
import dev.meshoperator.testing.istio.MeshWorkloads;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * spec.overlays end to end: patches on istiod's Deployment (an env, a volume and its mount) read
 * back from the API server, reaching the istiod process Istio's own binary runs as, reported as
 * applied and not modelled, previewed while paused, and kept across an in-place upgrade.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag(Tiers.ISTIO)
class OverlaysIT {

  private static final ObjectMapper JSON = Serialization.jsonMapper();

  @RegisterExtension static final IstioMesh istio = IstioMesh.installing(OverlaysIT::installation);

  static MeshInstallation installation() {
    MeshInstallation installation =
        MeshWorkloads.installation("overlays", "1.30.4", Profile.MINIMAL);
    installation.getSpec().setOverlays(List.of(istiodOverlay()));
    return installation;
  }

  /** An env istiod reads, and a volume mounted into its discovery container. */
  private static OverlaySpec istiodOverlay() {
    OverlaySpec overlay = new OverlaySpec();
    overlay.setKind("Deployment");
    overlay.setName("istiod");
    overlay.setPatches(
        List.of(
            add(
                "/spec/template/spec/containers/0/env/-",
                Map.of("name", "PILOT_DEBOUNCE_AFTER", "value", "50ms")),
            add(
                "/spec/template/spec/volumes/-",
                Map.of("name", "extra-config", "emptyDir", Map.of())),
            add(
                "/spec/template/spec/containers/0/volumeMounts/-",
                Map.of("name", "extra-config", "mountPath", "/etc/extra"))));
    return overlay;
  }

  @Test
  @Order(1)
  void theOverlayReachesIstiodAndIsReportedAsNotModelled() {
    assertOverlaid();
    assertThat(istio.istiod().environment()).containsEntry("PILOT_DEBOUNCE_AFTER", "50ms");

    MeshInstallation mesh = istio.mesh().get();
    assertThat(mesh.getStatus().getOverlays())
        .containsExactly(new OverlayStatus("Deployment", "istiod", CONTROL_PLANE, 3));
    MeshAssert.of(istio.client(), mesh)
        .awaitStatus(
            m ->
                assertThat(MeshAssert.of(istio.client(), m).events())
                    .anySatisfy(
                        e -> {
                          assertThat(e.getReason()).isEqualTo("OverlaysApplied");
                          assertThat(e.getMessage())
                              .isEqualTo(
                                  "applied, not modelled: 3 patches on Deployment"
                                      + " istio-system/istiod");
                        }));
  }

  @Test
  @Order(2)
  void aNewOverlayIsPreviewedWhilePaused() {
    OverlaySpec annotate = new OverlaySpec();
    annotate.setKind("Service");
    annotate.setName("istiod");
    annotate.setPatches(
        List.of(add("/metadata/annotations", Map.of("example.com/scrape", "true"))));
    MeshEdits.edit(
        istio.client(),
        istio.mesh().name(),
        m -> {
          m.getSpec().setPaused(true);
          List<OverlaySpec> overlays = new ArrayList<>(m.getSpec().getOverlays());
          overlays.add(annotate);
          m.getSpec().setOverlays(overlays);
        });

    MeshInstallation paused =
        MeshAssert.of(istio.client(), istio.mesh().name())
            .awaitCurrent(m -> assertThat(m.getStatus().getPreview()).isNotNull());
    assertThat(paused.getStatus().getPreview().getChange())
        .extracting(PreviewChange::getObject)
        .contains("Service/" + CONTROL_PLANE + "/istiod");
    assertThat(istiodServiceAnnotations())
        .as("nothing written while paused")
        .doesNotContainKey("example.com/scrape");

    MeshEdits.edit(istio.client(), istio.mesh().name(), m -> m.getSpec().setPaused(false));
    MeshAssert.of(istio.client(), istio.mesh().name())
        .awaitReady(
            m ->
                assertThat(istiodServiceAnnotations()).containsEntry("example.com/scrape", "true"));
  }

  @Test
  @Order(3)
  void theOverlayIsKeptAcrossAnInPlaceUpgrade() {
    MeshEdits.edit(istio.client(), istio.mesh().name(), m -> m.getSpec().setVersion("1.31.4"));
    MeshAssert.of(istio.client(), istio.mesh().name())
        .within(Duration.ofSeconds(120))
        .awaitReady(m -> assertThat(m.getStatus().getVersion()).isEqualTo("1.31.4"));

    PodSpec pod = assertOverlaid();
    assertThat(pod.getContainers().get(0).getImage()).endsWith("/pilot:1.31.4");
    istio.istiod().close();
    IstiodProcess upgraded = istio.mesh().startIstiod(CONTROL_PLANE, "istiod");
    assertThat(upgraded.environment()).containsEntry("PILOT_DEBOUNCE_AFTER", "50ms");
    assertThat(upgraded.problems())
        .as("istiod's errors and warnings; see %s", upgraded.log())
        .isEmpty();
  }

  /** istiod's pod as the API server has it, with the overlay's env, volume and mount. */
  private static PodSpec assertOverlaid() {
    PodSpec pod = MeshWorkloads.istiodPod(istio.client());
    assertThat(pod.getContainers().get(0).getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("PILOT_DEBOUNCE_AFTER");
              assertThat(e.getValue()).isEqualTo("50ms");
            });
    assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getName()).isEqualTo("extra-config"));
    assertThat(pod.getContainers().get(0).getVolumeMounts())
        .anySatisfy(
            m -> {
              assertThat(m.getName()).isEqualTo("extra-config");
              assertThat(m.getMountPath()).isEqualTo("/etc/extra");
            });
    return pod;
  }

  private static Map<String, String> istiodServiceAnnotations() {
    Map<String, String> annotations =
        istio
            .client()
            .services()
            .inNamespace(CONTROL_PLANE)
            .withName("istiod")
            .get()
            .getMetadata()
            .getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }

  private static PatchOperationSpec add(String path, Object value) {
    PatchOperationSpec patch = new PatchOperationSpec();
    patch.setOp("add");
    patch.setPath(path);
    patch.setValue(JSON.valueToTree(value));
    return patch;
  }
}
