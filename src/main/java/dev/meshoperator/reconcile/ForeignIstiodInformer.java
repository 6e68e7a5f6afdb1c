package dev.meshoperator.reconcile;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.observe.ForeignOwner;
import dev.meshoperator.render.IstioLabels;
import dev.meshoperator.render.OperatorLabels;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * istiod Deployments this operator did not make: another installation of Istio (Helm, istioctl)
 * that every installation reports and leaves alone. A cluster has a handful at most; each is cached
 * as its name, the labels and annotations that say who made it, and its image.
 */
public final class ForeignIstiodInformer {

  public static final String NAME = "ForeignIstiod";

  /** Who made it (Helm's annotations, istioctl's labels) and which revision it serves. */
  private static final List<String> KEPT =
      List.of(
          IstioLabels.REVISION,
          OperatorLabels.MANAGED_BY,
          ForeignOwner.ISTIOCTL_OWNER,
          ForeignOwner.ISTIOCTL_MANAGED,
          ForeignOwner.HELM_RELEASE,
          ForeignOwner.HELM_NAMESPACE);

  private ForeignIstiodInformer() {}

  public static InformerEventSource<Deployment, MeshInstallation> informer(
      EventSourceContext<MeshInstallation> context) {
    var installations = context.getPrimaryCache();
    var config =
        InformerEventSourceConfiguration.from(Deployment.class, MeshInstallation.class)
            .withName(NAME)
            .withLabelSelector(
                IstioLabels.APP
                    + "=istiod,"
                    + OperatorLabels.MANAGED_BY
                    + "!="
                    + OperatorLabels.MANAGED_BY_VALUE)
            .withWatchAllNamespaces()
            .withItemStore(new TransformingItemStore<>(ForeignIstiodInformer::reduce))
            .withSecondaryToPrimaryMapper(
                (Deployment istiod) ->
                    installations.list().map(ResourceID::fromResource).collect(Collectors.toSet()))
            .build();
    return new InformerEventSource<>(config, context);
  }

  static Deployment reduce(Deployment deployment) {
    List<Container> containers =
        deployment.getSpec() == null || deployment.getSpec().getTemplate().getSpec() == null
            ? List.of()
            : deployment.getSpec().getTemplate().getSpec().getContainers();
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(deployment.getMetadata().getName())
        .withNamespace(deployment.getMetadata().getNamespace())
        .withUid(deployment.getMetadata().getUid())
        .withResourceVersion(deployment.getMetadata().getResourceVersion())
        .withLabels(kept(deployment.getMetadata().getLabels()))
        .withAnnotations(kept(deployment.getMetadata().getAnnotations()))
        .endMetadata()
        .withNewSpec()
        .withNewTemplate()
        .withNewSpec()
        .withContainers(
            containers.stream()
                .limit(1)
                .map(
                    c ->
                        new ContainerBuilder()
                            .withName(c.getName())
                            .withImage(c.getImage())
                            .build())
                .toList())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static Map<String, String> kept(Map<String, String> all) {
    Map<String, String> kept = new HashMap<>();
    Objects.requireNonNullElse(all, Map.<String, String>of())
        .forEach(
            (key, value) -> {
              if (KEPT.contains(key)) {
                kept.put(key, value);
              }
            });
    return kept;
  }
}
