package dev.meshoperator.testing.istio;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.MeshInstallationSpec;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.testing.Namespaces;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the Istio tier's tests create as a user would: an installation in istio-system, namespaces
 * with injection labels, and pods created through the API server so that every admission webhook
 * runs on them.
 */
public final class MeshWorkloads {

  public static final String CONTROL_PLANE = "istio-system";

  private MeshWorkloads() {}

  /** A MeshInstallation of {@code version} and {@code profile} in istio-system. */
  public static MeshInstallation installation(String name, String version, Profile profile) {
    MeshInstallation installation = new MeshInstallation();
    installation.setMetadata(new ObjectMetaBuilder().withName(name).build());
    MeshInstallationSpec spec = new MeshInstallationSpec();
    spec.setVersion(version);
    spec.setProfile(profile);
    spec.setNamespace(CONTROL_PLANE);
    installation.setSpec(spec);
    return installation;
  }

  /** Creates (or updates) namespace {@code name} with {@code labels}; returns its name. */
  public static String namespace(KubernetesClient client, String name, Map<String, String> labels) {
    return Namespaces.apply(client, name, labels);
  }

  /** Creates a one-container pod through the API server and returns it as admitted. */
  public static Pod pod(
      KubernetesClient client,
      String namespace,
      String container,
      Map<String, String> labels,
      Map<String, String> annotations) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withGenerateName("app-")
            .withNamespace(namespace)
            .withLabels(Map.of("app", "demo"))
            .addToLabels(labels)
            .withAnnotations(annotations)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName(container)
            // A gateway's proxy container asks the injector for its image.
            .withImage("istio-proxy".equals(container) ? "auto" : "registry.invalid/app:1")
            .addNewPort()
            .withContainerPort(8080)
            .withName("http")
            .endPort()
            .endContainer()
            .endSpec()
            .build();
    return client.pods().inNamespace(namespace).resource(pod).create();
  }

  /** A plain application pod. */
  public static Pod pod(KubernetesClient client, String namespace) {
    return pod(client, namespace, "app", Map.of(), Map.of());
  }

  /** The pod template of the control plane's istiod Deployment, as the API server has it. */
  public static PodSpec istiodPod(KubernetesClient client) {
    return client
        .apps()
        .deployments()
        .inNamespace(CONTROL_PLANE)
        .withName("istiod")
        .get()
        .getSpec()
        .getTemplate()
        .getSpec();
  }

  /** The pod's container named {@code name}, among its containers and init containers. */
  public static Optional<Container> container(Pod pod, String name) {
    return Stream.of(pod.getSpec().getContainers(), pod.getSpec().getInitContainers())
        .filter(list -> list != null)
        .flatMap(List::stream)
        .filter(c -> name.equals(c.getName()))
        .findFirst();
  }
}
