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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Injected pods, to count who still uses a revision: only pods that carry istio.io/rev (the
 * injector sets it), cached as namespace, name, owner, that label, app and pod-template-hash.
 */
public final class RevisionInformers {

  public static final String PODS = "RevisionPods";

  private RevisionInformers() {}

  public static InformerEventSource<Pod, MeshInstallation> injectedPods(
      EventSourceContext<MeshInstallation> context) {
    var installations = context.getPrimaryCache();
    var config =
        InformerEventSourceConfiguration.from(Pod.class, MeshInstallation.class)
            .withName(PODS)
            .withLabelSelector(IstioLabels.REVISION)
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

  /** istio.io/rev, and app: istiod's own pods carry the revision label but do not use it. */
  private static Map<String, String> kept(Map<String, String> labels) {
    Map<String, String> kept = new java.util.HashMap<>();
    kept.put(IstioLabels.REVISION, labels.get(IstioLabels.REVISION));
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
        .withLabels(kept(pod.getMetadata().getLabels()))
        .withOwnerReferences(pod.getMetadata().getOwnerReferences())
        .endMetadata()
        .build();
  }
}
