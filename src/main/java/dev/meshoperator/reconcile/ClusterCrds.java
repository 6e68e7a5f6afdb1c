package dev.meshoperator.reconcile;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.crds.CrdManager;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every CRD in the cluster, whoever installed it, cached as a name, the marks that say who
 * installed it ({@link CrdManager}) and its Established and NamesAccepted conditions only (schemas
 * are large): what preflight needs to know that Istio's CRDs exist without a request, and what
 * tells ambient enrollment that the Gateway API is installed. A CRD appearing or going reconciles
 * every installation; that is rare.
 */
public final class ClusterCrds {

  public static final String NAME = "ClusterCrds";
  private static final String ESTABLISHED = "Established";
  private static final String NAMES_ACCEPTED = "NamesAccepted";
  private static final Set<String> KEPT_CONDITIONS = Set.of(ESTABLISHED, NAMES_ACCEPTED);

  private ClusterCrds() {}

  public static InformerEventSource<CustomResourceDefinition, MeshInstallation> informer(
      EventSourceContext<MeshInstallation> context) {
    var installations = context.getPrimaryCache();
    var config =
        InformerEventSourceConfiguration.from(
                CustomResourceDefinition.class, MeshInstallation.class)
            .withName(NAME)
            .withItemStore(new TransformingItemStore<>(ClusterCrds::reduce))
            .withSecondaryToPrimaryMapper(
                (CustomResourceDefinition crd) ->
                    installations.list().map(ResourceID::fromResource).collect(Collectors.toSet()))
            .build();
    return new InformerEventSource<>(config, context);
  }

  static CustomResourceDefinition reduce(CustomResourceDefinition crd) {
    List<CustomResourceDefinitionCondition> kept =
        conditions(crd).filter(c -> KEPT_CONDITIONS.contains(c.getType())).toList();
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName(crd.getMetadata().getName())
        .withUid(crd.getMetadata().getUid())
        .withResourceVersion(crd.getMetadata().getResourceVersion())
        .withLabels(only(crd.getMetadata().getLabels(), CrdManager.LABELS))
        .withAnnotations(only(crd.getMetadata().getAnnotations(), CrdManager.ANNOTATIONS))
        .endMetadata()
        .withNewStatus()
        .withConditions(kept)
        .endStatus()
        .build();
  }

  private static Map<String, String> only(Map<String, String> all, Set<String> keys) {
    if (all == null) {
      return null;
    }
    Map<String, String> kept = new TreeMap<>(all);
    kept.keySet().retainAll(keys);
    return kept.isEmpty() ? null : kept;
  }

  /** A CRD just created has a status whose conditions are not filled in yet. */
  public static boolean isEstablished(CustomResourceDefinition crd) {
    return isTrue(crd, ESTABLISHED);
  }

  /**
   * When the API server accepted the names of a CRD it has not established since: empty for an
   * established CRD, and for one whose names are not accepted (a conflict is not ours to nudge).
   */
  public static Optional<Instant> namedNotEstablishedSince(CustomResourceDefinition crd) {
    if (isEstablished(crd)) {
      return Optional.empty();
    }
    return conditions(crd)
        .filter(c -> NAMES_ACCEPTED.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst()
        .map(
            c ->
                c.getLastTransitionTime() == null
                    ? Instant.EPOCH
                    : Instant.parse(c.getLastTransitionTime()));
  }

  private static boolean isTrue(CustomResourceDefinition crd, String type) {
    return conditions(crd).anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static Stream<CustomResourceDefinitionCondition> conditions(
      CustomResourceDefinition crd) {
    return crd.getStatus() == null || crd.getStatus().getConditions() == null
        ? Stream.empty()
        : crd.getStatus().getConditions().stream();
  }
}
