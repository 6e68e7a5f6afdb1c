package dev.meshoperator.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/** Namespaces as a test's user makes them: a name and labels, applied so a rerun is harmless. */
public final class Namespaces {

  private Namespaces() {}

  /** Creates (or updates) namespace {@code name} with {@code labels}; returns its name. */
  public static String apply(KubernetesClient client, String name, Map<String, String> labels) {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .build())
        .serverSideApply();
    return name;
  }
}
