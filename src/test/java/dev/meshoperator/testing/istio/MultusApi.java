package dev.meshoperator.testing.istio;

import static org.awaitility.Awaitility.await;

import dev.meshoperator.render.NetworkAttachmentDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;

/**
 * Multus's NetworkAttachmentDefinition API, served as an OpenShift cluster serves it, for the tests
 * of the OpenShift path.
 *
 * <p>A stand-in: the group, version, kind and names the API is known by (what the operator and
 * Istio's injector rely on), with a schema that keeps whatever a network says. The published CRD
 * lives in the k8snetworkplumbingwg modules, which the Go module proxy of these machines refuses;
 * neither the operator nor Istio reads a network's spec, so nothing here stands in for its
 * validation.
 */
public final class MultusApi {

  private MultusApi() {}

  /** Serves the API unless the cluster does already, and waits until it is established. */
  public static void serve(KubernetesClient client) {
    String name = NetworkAttachmentDefinition.CRD_NAME;
    if (client.apiextensions().v1().customResourceDefinitions().withName(name).get() == null) {
      client.resource(definition()).create();
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              CustomResourceDefinition crd =
                  client.apiextensions().v1().customResourceDefinitions().withName(name).get();
              return crd != null
                  && crd.getStatus() != null
                  && crd.getStatus().getConditions().stream()
                      .anyMatch(
                          c -> c.getType().equals("Established") && c.getStatus().equals("True"));
            });
  }

  private static CustomResourceDefinition definition() {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName(NetworkAttachmentDefinition.CRD_NAME)
        .endMetadata()
        .withNewSpec()
        .withGroup("k8s.cni.cncf.io")
        .withScope("Namespaced")
        .withNewNames()
        .withKind("NetworkAttachmentDefinition")
        .withListKind("NetworkAttachmentDefinitionList")
        .withPlural("network-attachment-definitions")
        .withSingular("network-attachment-definition")
        .withShortNames("net-attach-def")
        .endNames()
        .addNewVersion()
        .withName("v1")
        .withServed(true)
        .withStorage(true)
        .withNewSchema()
        .withNewOpenAPIV3Schema()
        .withType("object")
        .withXKubernetesPreserveUnknownFields(true)
        .endOpenAPIV3Schema()
        .endSchema()
        .endVersion()
        .endSpec()
        .build();
  }
}
