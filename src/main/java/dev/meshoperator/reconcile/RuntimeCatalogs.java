package dev.meshoperator.reconcile;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runtime catalogs: ConfigMaps labelled {@value #LABEL} in the operator's own namespace (and only
 * there: whoever writes one chooses the images every mesh runs), whose {@value #KEY} adds Istio
 * releases to the built-in catalog. A change reconciles every installation, so a version that was
 * unknown is picked up at once.
 */
public final class RuntimeCatalogs {

  public static final String NAME = "RuntimeCatalog";
  public static final String LABEL = "mesh.operator.dev/istio-catalog";
  public static final String KEY = "catalog.yaml";

  private RuntimeCatalogs() {}

  /** The informer, when the operator knows its namespace (it runs from its Deployment). */
  public static Optional<InformerEventSource<ConfigMap, MeshInstallation>> informer(
      EventSourceContext<MeshInstallation> context) {
    String namespace = System.getenv("KUBERNETES_NAMESPACE");
    if (namespace == null || namespace.isBlank()) {
      return Optional.empty();
    }
    var installations = context.getPrimaryCache();
    var config =
        InformerEventSourceConfiguration.from(ConfigMap.class, MeshInstallation.class)
            .withName(NAME)
            .withLabelSelector(LABEL)
            .withNamespaces(Set.of(namespace))
            .withSecondaryToPrimaryMapper(
                (ConfigMap catalog) ->
                    installations.list().map(ResourceID::fromResource).collect(Collectors.toSet()))
            .build();
    return Optional.of(new InformerEventSource<>(config, context));
  }
}
