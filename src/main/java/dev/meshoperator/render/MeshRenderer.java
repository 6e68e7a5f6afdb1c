package dev.meshoperator.render;

import dev.meshoperator.catalog.IstioRelease;
import dev.meshoperator.plan.MeshPlan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The whole desired state of one MeshInstallation: each component's objects, labelled so the
 * operator can find, watch and prune them. Pure: no cluster access.
 */
public final class MeshRenderer {

  private MeshRenderer() {}

  /** An InPlace installation: one revision, named default. */
  public static DesiredState render(MeshPlan plan) {
    return render(plan, plan, List.of(plan), plan, Map.of());
  }

  /**
   * A RevisionBased installation: Istio's CRDs and the node agents from the {@code target} release
   * (CRDs first: older istiods accept newer CRDs, not the reverse), an istiod per revision, and
   * what serves the whole mesh (the default tag, the default validator, gateways) from the {@code
   * active} revision. ztunnel comes from {@code ztunnel}: the target, or an older release while
   * istio-cni rolls out first. Each named tag points at its revision's plan.
   */
  static final String NETWORK_LABEL = "topology.istio.io/network";

  public static DesiredState render(
      MeshPlan target,
      MeshPlan active,
      List<MeshPlan> revisions,
      MeshPlan ztunnel,
      Map<String, MeshPlan> namedTags) {
    List<HasMetadata> objects = new ArrayList<>();
    add(objects, target, BaseRenderer.COMPONENT, BaseRenderer::render);
    boolean tagged = !active.isDefaultRevision();
    if (tagged && target.baseEnabled()) {
      add(objects, active, BaseRenderer.COMPONENT, p -> List.of(BaseRenderer.defaultValidator(p)));
    }
    for (MeshPlan revision : revisions) {
      add(objects, revision, IstiodRenderer.COMPONENT, IstiodRenderer::render);
    }
    if (tagged && active.istiod().isPresent()) {
      add(objects, active, IstiodRenderer.COMPONENT, IstiodRenderer::defaultTag);
    }
    namedTags.forEach(
        (tag, plan) ->
            add(objects, plan, IstiodRenderer.COMPONENT, p -> IstiodRenderer.tag(p, tag)));
    add(objects, target, CniRenderer.COMPONENT, CniRenderer::render);
    add(objects, ztunnel, ZtunnelRenderer.COMPONENT, ZtunnelRenderer::render);
    add(objects, active, GatewaysRenderer.COMPONENT, GatewaysRenderer::render);
    List<String> namespaces =
        objects.stream()
            .map(o -> o.getMetadata().getNamespace())
            .filter(Objects::nonNull)
            .filter(namespace -> !KubernetesNamespaces.ALL.contains(namespace))
            .distinct()
            .sorted()
            .toList();
    add(objects, target, "namespace", p -> namespaces(p, namespaces));
    return new DesiredState(List.copyOf(objects));
  }

  /**
   * The namespaces the objects live in (the control plane's, and any gateway's); created when
   * missing, never deleted (see apply.Ownership). Not the namespaces Kubernetes makes itself, where
   * objects may land too (OpenShift's node agents in kube-system, its multus network in default): a
   * label of the operator's would mark them as an installation's and keep them out of ambient
   * enrollment.
   */
  private static List<HasMetadata> namespaces(MeshPlan plan, List<String> names) {
    return names.stream()
        .map(
            name ->
                (HasMetadata)
                    new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withLabels(networkLabel(plan, name))
                        .endMetadata()
                        .build())
        .toList();
  }

  /**
   * istiod reads its own cluster's network from the control-plane namespace's label, as Istio's
   * multi-network guide has users set it by hand.
   */
  private static Map<String, String> networkLabel(MeshPlan plan, String namespace) {
    return plan.values().network().isEmpty() || !namespace.equals(plan.namespace())
        ? null
        : new LinkedHashMap<>(Map.of(NETWORK_LABEL, plan.values().network()));
  }

  private static void add(
      List<HasMetadata> into,
      MeshPlan plan,
      String component,
      Function<MeshPlan, List<HasMetadata>> renderer) {
    for (HasMetadata object : renderer.apply(plan)) {
      String installation = object instanceof CustomResourceDefinition ? null : plan.installation();
      label(object, plan.release(), installation, component);
      into.add(object);
    }
  }

  /**
   * Istio's CRDs of {@code release}, as an installation of it renders them. They belong to the
   * cluster rather than to one installation (they outlive each, and a later one takes them over),
   * so they name none: the same objects whichever installation, or the operator's start, wrote them
   * first ({@code IstioCrdsOnStart}).
   */
  public static List<HasMetadata> istioCrds(IstioRelease release) {
    List<HasMetadata> crds = new ArrayList<>(release.api().crds());
    crds.forEach(crd -> label(crd, release, null, BaseRenderer.COMPONENT));
    return crds;
  }

  /** The labels of everything rendered; {@code installation} null for what names none. */
  private static void label(
      HasMetadata object, IstioRelease release, String installation, String component) {
    var labels = object.getMetadata().getLabels();
    if (labels == null) {
      labels = new LinkedHashMap<>();
      object.getMetadata().setLabels(labels);
    }
    labels.put(IstioLabels.PART_OF, "istio");
    // A CRD is of its istio.io/api release, which is what tells an older schema from a newer one.
    labels.put(
        IstioLabels.VERSION,
        object instanceof CustomResourceDefinition ? release.api().release() : release.version());
    labels.put(OperatorLabels.MANAGED_BY, OperatorLabels.MANAGED_BY_VALUE);
    if (installation != null) {
      labels.put(OperatorLabels.INSTALLATION, installation);
    }
    labels.put(OperatorLabels.COMPONENT, component);
  }
}
