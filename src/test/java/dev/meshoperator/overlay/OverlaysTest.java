package dev.meshoperator.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.meshoperator.api.v1alpha1.OverlaySpec;
import dev.meshoperator.api.v1alpha1.PatchOperationSpec;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.plan.InvalidSpecException;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.render.DesiredState;
import dev.meshoperator.render.MeshRenderer;
import dev.meshoperator.testing.Installations;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverlaysTest {

  private static final DesiredState RENDERED =
      MeshRenderer.render(
          new PlanResolver(IstioCatalog.load())
              .resolve(Installations.unapplied("mesh", spec -> spec.setVersion("1.31.4"))));

  @Test
  void patchesReachTheNamedObjectAndNoOther() {
    OverlaySpec overlay =
        overlay(
            "Deployment",
            "istiod",
            add(
                "/spec/template/spec/containers/0/env/-",
                Serialization.jsonMapper()
                    .createObjectNode()
                    .put("name", "PILOT_DEBOUNCE_AFTER")
                    .put("value", "50ms")));

    DesiredState patched = Overlays.apply(List.of(overlay), "istio-system", RENDERED);

    Deployment istiod = deployment(patched, "istiod");
    assertThat(istiod.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .anySatisfy(e -> assertThat(e.getName()).isEqualTo("PILOT_DEBOUNCE_AFTER"));
    assertThat(patched.objects()).hasSameSizeAs(RENDERED.objects());
    assertThat(deployment(RENDERED, "istiod"))
        .as("the rendered state is not changed")
        .isNotEqualTo(istiod);
    for (int i = 0; i < RENDERED.objects().size(); i++) {
      if (!RENDERED.objects().get(i).getMetadata().getName().equals("istiod")
          || !(RENDERED.objects().get(i) instanceof Deployment)) {
        assertThat(patched.objects().get(i)).isEqualTo(RENDERED.objects().get(i));
      }
    }
  }

  @Test
  void withoutOverlaysTheRenderedStateIsKept() {
    assertThat(Overlays.apply(null, "istio-system", RENDERED)).isSameAs(RENDERED);
  }

  @Test
  void aTargetTheInstallationDoesNotRenderIsRefusedWithWhatItRenders() {
    OverlaySpec overlay =
        overlay("Deployment", "istio-ingress", add("/metadata/annotations", obj()));

    assertThatThrownBy(() -> Overlays.apply(List.of(overlay), "istio-system", RENDERED))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageStartingWith(
            "spec.overlays[0]: the installation renders no Deployment named istio-ingress in"
                + " namespace istio-system; it renders istio-system/istio-ingressgateway,"
                + " istio-system/istiod");
  }

  @Test
  void aPrefixNamesEveryObjectItBegins() {
    OverlaySpec overlay =
        overlay(
            "ValidatingWebhookConfiguration",
            "istio*",
            add("/metadata/annotations", obj().put("example.com/reviewed", "yes")));

    DesiredState patched = Overlays.apply(List.of(overlay), "istio-system", RENDERED);

    assertThat(
            patched.objects().stream()
                .filter(o -> o.getKind().equals("ValidatingWebhookConfiguration"))
                .filter(o -> o.getMetadata().getName().startsWith("istio")))
        .isNotEmpty()
        .allSatisfy(
            o -> assertThat(o.getMetadata().getAnnotations()).containsKey("example.com/reviewed"));
  }

  @Test
  void aPatchThatCannotApplySaysWhyInWords() {
    OverlaySpec overlay =
        overlay("Deployment", "istiod", replace("/spec/template/spec/nodeName", "node-1"));

    assertThatThrownBy(() -> Overlays.apply(List.of(overlay), "istio-system", RENDERED))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageStartingWith(
            "spec.overlays[0].patches cannot be applied to Deployment istio-system/istiod: ")
        .hasMessageNotContaining("Exception")
        .hasMessageNotContaining("Operation]");
  }

  @Test
  void aPatchThatRemovesALabelTheOperatorSelectsByIsRefused() {
    OverlaySpec overlay =
        overlay("Deployment", "istiod", remove("/spec/template/metadata/labels/app"));

    assertThatThrownBy(() -> Overlays.apply(List.of(overlay), "istio-system", RENDERED))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "spec.overlays[0].patches change or remove the pod template label app of"
                + " Deployment istio-system/istiod, which the operator selects by");
  }

  @Test
  void aNamespaceOnAClusterScopedKindIsRefused() {
    OverlaySpec overlay =
        overlay("MutatingWebhookConfiguration", "istio*", remove("/metadata/annotations"));
    overlay.setNamespace("istio-system");

    assertThatThrownBy(() -> Overlays.apply(List.of(overlay), "istio-system", RENDERED))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("MutatingWebhookConfiguration is cluster-scoped");
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedNamingWhereNotAJavaType() {
    OverlaySpec overlay =
        overlay("Deployment", "istiod", add("/spec/replicas", TextNode.valueOf("two")));

    assertThatThrownBy(() -> Overlays.apply(List.of(overlay), "istio-system", RENDERED))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage(
            "spec.overlays[0].patches leave Deployment istio-system/istiod with a value of the"
                + " wrong type at /spec/replicas");
  }

  @Test
  void anAddWithoutAValueIsRefusedNamingThePatch() {
    OverlaySpec overlay = overlay("Deployment", "istiod", op("add", "/metadata/annotations", null));

    assertThatThrownBy(() -> Overlays.apply(List.of(overlay), "istio-system", RENDERED))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage("spec.overlays[0].patches[0].value: add needs a value");
  }

  private static Deployment deployment(DesiredState state, String name) {
    for (HasMetadata object : state.objects()) {
      if (object instanceof Deployment d && d.getMetadata().getName().equals(name)) {
        return d;
      }
    }
    throw new AssertionError("no Deployment " + name);
  }

  private static OverlaySpec overlay(String kind, String name, PatchOperationSpec patch) {
    OverlaySpec overlay = new OverlaySpec();
    overlay.setKind(kind);
    overlay.setName(name);
    overlay.setPatches(List.of(patch));
    return overlay;
  }

  private static ObjectNode obj() {
    return Serialization.jsonMapper().createObjectNode();
  }

  private static PatchOperationSpec add(String path, JsonNode value) {
    return op("add", path, value);
  }

  private static PatchOperationSpec replace(String path, String value) {
    return op("replace", path, TextNode.valueOf(value));
  }

  private static PatchOperationSpec remove(String path) {
    return op("remove", path, null);
  }

  private static PatchOperationSpec op(String op, String path, JsonNode value) {
    PatchOperationSpec patch = new PatchOperationSpec();
    patch.setOp(op);
    patch.setPath(path);
    patch.setValue(value);
    return patch;
  }
}
