package dev.meshoperator.render;

import dev.meshoperator.plan.MeshPlan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The whole desired state of one MeshInstallation: each component's objects, labelled so the
 * operator can find, watch and prune them. Pure: no cluster access.
 */
public final class MeshRenderer {

  private MeshRenderer() {}

  public static DesiredState render(MeshPlan plan) {
    List<HasMetadata> objects = new ArrayList<>();
    add(objects, plan, BaseRenderer.COMPONENT, BaseRenderer::render);
    add(objects, plan, IstiodRenderer.COMPONENT, IstiodRenderer::render);
    add(objects, plan, CniRenderer.COMPONENT, CniRenderer::render);
    add(objects, plan, ZtunnelRenderer.COMPONENT, ZtunnelRenderer::render);
    if (objects.stream().anyMatch(o -> o.getMetadata().getNamespace() != null)) {
      add(objects, plan, "namespace", MeshRenderer::namespace);
    }
    return new DesiredState(List.copyOf(objects));
  }

  /** The control-plane namespace; created when missing, never deleted (see apply.Ownership). */
  private static List<HasMetadata> namespace(MeshPlan plan) {
    return List.of(
        new io.fabric8.kubernetes.api.model.NamespaceBuilder()
            .withNewMetadata()
            .withName(plan.namespace())
            .endMetadata()
            .build());
  }

  private static void add(
      List<HasMetadata> into,
      MeshPlan plan,
      String component,
      Function<MeshPlan, List<HasMetadata>> renderer) {
    for (HasMetadata object : renderer.apply(plan)) {
      var labels = object.getMetadata().getLabels();
      if (labels == null) {
        labels = new java.util.LinkedHashMap<>();
        object.getMetadata().setLabels(labels);
      }
      labels.put(IstioLabels.PART_OF, "istio");
      labels.put(IstioLabels.VERSION, plan.release().version());
      labels.put(OperatorLabels.MANAGED_BY, OperatorLabels.MANAGED_BY_VALUE);
      labels.put(OperatorLabels.INSTALLATION, plan.installation());
      labels.put(OperatorLabels.COMPONENT, component);
      into.add(object);
    }
  }
}
