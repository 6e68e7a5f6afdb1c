package dev.meshoperator.packaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The released install manifest ({@code deploy/mesh-operator.yaml}) for {@code kubectl apply -f}:
 * the namespace (Pod Security "restricted" enforced), the CRD, and what the Quarkus build generates
 * for the operator, completed where the build leaves blanks (the namespace of every object and of
 * every binding's subject), so the API server accepts it as it is.
 */
final class InstallManifest {

  static final String NAMESPACE = "mesh-operator";

  private static final Map<String, String> RESTRICTED =
      Map.of(
          "pod-security.kubernetes.io/enforce", "restricted",
          "pod-security.kubernetes.io/enforce-version", "latest");

  private static final ObjectMapper YAML = ManifestYaml.MAPPER;

  private InstallManifest() {}

  static String render(Path kubernetesYml, Path crd) throws IOException {
    List<HasMetadata> generated = Serialization.unmarshal(Files.readString(kubernetesYml));
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(namespace());
    for (HasMetadata object : generated) {
      placeIn(object, NAMESPACE);
      stablePorts(object);
      objects.add(object);
    }
    StringBuilder manifest =
        new StringBuilder(
            "# mesh-operator, all in one: kubectl apply --server-side -f mesh-operator.yaml\n"
                + "# Generated from the Quarkus build (hack/update-generated); do not edit.\n");
    manifest.append(yamlDocument(Files.readString(crd)));
    for (HasMetadata object : objects) {
      manifest.append(
          yamlDocument(
              YAML.writeValueAsString(Serialization.jsonMapper().convertValue(object, Map.class))));
    }
    return manifest.toString();
  }

  /**
   * Puts a generated object, and the subjects a binding names (the operator's ServiceAccount), in
   * {@code namespace}: the build leaves both blank.
   */
  static void placeIn(HasMetadata object, String namespace) {
    if (object instanceof Namespaced) {
      object.getMetadata().setNamespace(namespace);
    }
    if (object instanceof ClusterRoleBinding binding) {
      binding.getSubjects().forEach(subject -> subject.setNamespace(namespace));
    }
    if (object instanceof RoleBinding binding) {
      binding.getSubjects().forEach(subject -> subject.setNamespace(namespace));
    }
  }

  /**
   * Orders the ports of a Deployment's containers and of a Service by number: the Quarkus build
   * does not keep their order from one build to the next, and committed files must not move.
   */
  static void stablePorts(HasMetadata object) {
    if (object instanceof Deployment deployment) {
      deployment
          .getSpec()
          .getTemplate()
          .getSpec()
          .getContainers()
          .forEach(
              container ->
                  container.getPorts().sort(Comparator.comparing(ContainerPort::getContainerPort)));
    }
    if (object instanceof Service service) {
      service.getSpec().getPorts().sort(Comparator.comparing(ServicePort::getPort));
    }
  }

  private static Namespace namespace() {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(NAMESPACE)
        .withLabels(RESTRICTED)
        .endMetadata()
        .build();
  }

  private static String yamlDocument(String yaml) {
    String body = yaml.startsWith("---\n") ? yaml.substring(4) : yaml;
    return "---\n" + (body.endsWith("\n") ? body : body + "\n");
  }
}
