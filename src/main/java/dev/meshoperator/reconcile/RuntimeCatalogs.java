package dev.meshoperator.reconcile;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.catalog.CatalogOutcome;
import dev.meshoperator.catalog.IstioCatalog;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
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
    Optional<String> namespace = OperatorNamespace.get();
    if (namespace.isEmpty()) {
      return Optional.empty();
    }
    var installations = context.getPrimaryCache();
    var config =
        InformerEventSourceConfiguration.from(ConfigMap.class, MeshInstallation.class)
            .withName(NAME)
            .withLabelSelector(LABEL)
            .withNamespaces(Set.of(namespace.get()))
            .withSecondaryToPrimaryMapper(
                (ConfigMap catalog) ->
                    installations.list().map(ResourceID::fromResource).collect(Collectors.toSet()))
            .build();
    return Optional.of(new InformerEventSource<>(config, context));
  }

  /** The built-in catalog plus the runtime catalogs, merged again only when one of them changed. */
  static final class Merged {

    private final IstioCatalog builtIn;
    private final AtomicReference<Map.Entry<String, CatalogOutcome>> last = new AtomicReference<>();

    Merged(IstioCatalog builtIn) {
      this.builtIn = builtIn;
    }

    CatalogOutcome with(List<ConfigMap> runtime) {
      String key =
          runtime.stream()
              .map(cm -> cm.getMetadata().getName() + "@" + cm.getMetadata().getResourceVersion())
              .collect(Collectors.joining(","));
      Map.Entry<String, CatalogOutcome> cached = last.get();
      if (cached != null && cached.getKey().equals(key)) {
        return cached.getValue();
      }
      CatalogOutcome outcome =
          CatalogOutcome.merge(
              builtIn,
              runtime.stream()
                  .map(
                      cm ->
                          Map.entry(
                              "ConfigMap "
                                  + cm.getMetadata().getNamespace()
                                  + "/"
                                  + cm.getMetadata().getName(),
                              cm.getData() == null ? "" : cm.getData().getOrDefault(KEY, "")))
                  .toList());
      last.set(Map.entry(key, outcome));
      return outcome;
    }
  }
}
