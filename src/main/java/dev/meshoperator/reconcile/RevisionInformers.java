package dev.meshoperator.reconcile;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.render.IstioLabels;
import dev.meshoperator.revision.Workloads;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
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
 * Injected pods, to count who still uses a revision. The injector records the revision that
 * injected a pod in its istio.io/rev annotation, which no selector can ask for, and labels the pod
 * service.istio.io/canonical-name; a pod that picks its revision itself carries the istio.io/rev
 * label. One informer watches each label, and both cache a pod as namespace, name, owner, app,
 * pod-template-hash and its revision, kept as the istio.io/rev label (the annotation's value where
 * there is one).
 */
public final class RevisionInformers {

  /** Pods labelled istio.io/rev. */
  public static final String PODS = "RevisionPods";

  /** Pods the sidecar injector labelled. */
  public static final String SIDECAR_PODS = "SidecarPods";

  /** A label Istio's injection templates put on every pod they inject, sidecar or gateway. */
  static final String INJECTED = "service.istio.io/canonical-name";

  private RevisionInformers() {}

  public static InformerEventSource<Pod, MeshInstallation> injectedPods(
      EventSourceContext<MeshInstallation> context) {
    return informer(context, PODS, IstioLabels.REVISION);
  }

  public static InformerEventSource<Pod, MeshInstallation> sidecarPods(
      EventSourceContext<MeshInstallation> context) {
    return informer(context, SIDECAR_PODS, INJECTED);
  }

  private static InformerEventSource<Pod, MeshInstallation> informer(
      EventSourceContext<MeshInstallation> context, String name, String label) {
    var installations = context.getPrimaryCache();
    var config =
        InformerEventSourceConfiguration.from(Pod.class, MeshInstallation.class)
            .withName(name)
            .withLabelSelector(label)
            .withWatchAllNamespaces()
            .withItemStore(new TransformingItemStore<>(RevisionInformers::reduce))
            .withSecondaryToPrimaryMapper(
                (Pod pod) ->
                    installations
                        .list(PlanResolver::isRevisionBased)
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .build();
    return new InformerEventSource<>(config, context);
  }

  /**
   * The revision (the injector's annotation first), and app: istiod's own pods carry the revision
   * label but do not use it.
   */
  private static Map<String, String> kept(Pod pod) {
    Map<String, String> labels =
        Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.of());
    Map<String, String> annotations =
        Objects.requireNonNullElse(pod.getMetadata().getAnnotations(), Map.of());
    Map<String, String> kept = new HashMap<>();
    String revision =
        annotations.getOrDefault(IstioLabels.REVISION, labels.get(IstioLabels.REVISION));
    if (revision != null) {
      kept.put(IstioLabels.REVISION, revision);
    }
    for (String key : List.of(IstioLabels.APP, Workloads.POD_TEMPLATE_HASH)) {
      if (labels.containsKey(key)) {
        kept.put(key, labels.get(key));
      }
    }
    return kept;
  }

  static Pod reduce(Pod pod) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(pod.getMetadata().getName())
        .withNamespace(pod.getMetadata().getNamespace())
        .withUid(pod.getMetadata().getUid())
        .withResourceVersion(pod.getMetadata().getResourceVersion())
        .withLabels(kept(pod))
        .withOwnerReferences(pod.getMetadata().getOwnerReferences())
        .endMetadata()
        .build();
  }
}
