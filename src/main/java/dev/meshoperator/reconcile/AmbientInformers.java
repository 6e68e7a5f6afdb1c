package dev.meshoperator.reconcile;

import dev.meshoperator.adopt.NamespaceRelabel;
import dev.meshoperator.ambient.AmbientLabels;
import dev.meshoperator.ambient.EnrollmentRecord;
import dev.meshoperator.ambient.WaypointPlanner;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.render.OperatorLabels;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The informers ambient enrollment reads. Namespaces are watched cluster-wide (a namespace created
 * later must be found) but cached reduced to name, labels and the enrollment record, so the cache
 * stays small with thousands of namespaces; pods are never watched.
 */
public final class AmbientInformers {

  public static final String NAMESPACES = "AmbientNamespaces";
  public static final String GATEWAYS = Gateway.class.getSimpleName();
  public static final String GATEWAY_CRD_NAME = WaypointPlanner.GATEWAY_CRD;

  private AmbientInformers() {}

  public static InformerEventSource<Namespace, MeshInstallation> namespaces(
      EventSourceContext<MeshInstallation> context) {
    IndexerResourceCache<MeshInstallation> installations = context.getPrimaryCache();
    var config =
        InformerEventSourceConfiguration.from(Namespace.class, MeshInstallation.class)
            .withName(NAMESPACES)
            .withItemStore(new TransformingItemStore<>(AmbientInformers::reduce))
            .withSecondaryToPrimaryMapper(
                (Namespace namespace) -> concerned(namespace, installations))
            .build();
    return new InformerEventSource<>(config, context);
  }

  /** The waypoint Gateways this operator made; registered once the Gateway API exists. */
  public static InformerEventSource<Gateway, MeshInstallation> gateways(
      EventSourceContext<MeshInstallation> context) {
    var config =
        InformerEventSourceConfiguration.from(Gateway.class, MeshInstallation.class)
            .withName(GATEWAYS)
            .withLabelSelector(OperatorLabels.MANAGED_SELECTOR)
            .withWatchAllNamespaces()
            .withSecondaryToPrimaryMapper(
                (Gateway gateway) -> {
                  String owner = gateway.getMetadata().getLabels().get(OperatorLabels.INSTALLATION);
                  return owner == null ? Set.of() : Set.of(new ResourceID(owner));
                })
            .build();
    return new InformerEventSource<>(config, context);
  }

  /** Installations a namespace change may concern: every one that enrolls, and its enroller. */
  private static Set<ResourceID> concerned(
      Namespace namespace, IndexerResourceCache<MeshInstallation> installations) {
    // Ambient enrollment reads every namespace; revision use counts their istio.io/rev labels.
    Set<ResourceID> ids =
        new HashSet<>(
            ids(
                installations,
                m -> m.getSpec().getAmbient() != null || PlanResolver.isRevisionBased(m)));
    EnrollmentRecord.readFrom(namespace)
        .ifPresent(record -> ids.add(new ResourceID(record.installation())));
    return ids;
  }

  private static Set<ResourceID> ids(
      IndexerResourceCache<MeshInstallation> installations, Predicate<MeshInstallation> filter) {
    return installations
        .list(m -> m.getSpec() != null && filter.test(m))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  /**
   * Only what enrollment and adoption read (the labels, their records): no managedFields, no
   * last-applied annotation, no status.
   */
  static Namespace reduce(Namespace namespace) {
    Map<String, String> annotations = namespace.getMetadata().getAnnotations();
    Map<String, String> records = new TreeMap<>();
    if (annotations != null) {
      for (String key :
          List.of(
              AmbientLabels.ENROLLMENT_RECORD,
              NamespaceRelabel.MOVED_FROM,
              NamespaceRelabel.MOVED_BY)) {
        if (annotations.containsKey(key)) {
          records.put(key, annotations.get(key));
        }
      }
    }
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(namespace.getMetadata().getName())
        .withUid(namespace.getMetadata().getUid())
        .withResourceVersion(namespace.getMetadata().getResourceVersion())
        .withDeletionTimestamp(namespace.getMetadata().getDeletionTimestamp())
        .withLabels(namespace.getMetadata().getLabels())
        .withAnnotations(records.isEmpty() ? null : records)
        .endMetadata()
        .build();
  }
}
