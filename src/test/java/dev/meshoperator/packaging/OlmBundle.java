package dev.meshoperator.packaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OLM bundle (registry+v1), derived from what the Quarkus build generates: the operator's
 * Deployment and ClusterRoles become the CSV's install strategy, so the bundle cannot drift from
 * the Helm chart or the plain manifests. (quarkus-operator-sdk's own bundle generator is not
 * available from our registry.)
 */
final class OlmBundle {

  static final String PACKAGE = "mesh-operator";
  static final String CHANNEL = "alpha";
  static final String SERVICE_ACCOUNT = "mesh-operator";

  private static final ObjectMapper YAML =
      new ObjectMapper(
              new YAMLFactory()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          // The Quarkus-generated manifests do not keep a stable key order between builds.
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** A hexagon of three linked nodes: a mesh. Drawn for this project. */
  private static final String ICON =
      java.util.Base64.getEncoder()
          .encodeToString(
              ("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'>"
                      + "<polygon points='32,4 56,18 56,46 32,60 8,46 8,18' fill='#1f4e79'/>"
                      + "<g stroke='#fff' stroke-width='3'><line x1='32' y1='18' x2='20' y2='40'/>"
                      + "<line x1='32' y1='18' x2='44' y2='40'/><line x1='20' y1='40' x2='44' y2='40'/></g>"
                      + "<g fill='#fff'><circle cx='32' cy='18' r='5'/><circle cx='20' cy='40' r='5'/>"
                      + "<circle cx='44' cy='40' r='5'/></g></svg>")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));

  private OlmBundle() {}

  /** Relative path in olm-bundle/ to file content. */
  static Map<String, String> render(Path kubernetesYml, Path crd, Path example) throws IOException {
    List<HasMetadata> generated = Serialization.unmarshal(Files.readString(kubernetesYml));
    Deployment deployment = only(generated, Deployment.class);
    List<PolicyRule> rules = new ArrayList<>();
    generated.stream()
        .filter(ClusterRole.class::isInstance)
        .map(ClusterRole.class::cast)
        .forEach(role -> rules.addAll(role.getRules()));
    deployment.getSpec().getTemplate().getSpec().setServiceAccountName(SERVICE_ACCOUNT);
    String version = System.getProperty("mesh.project-version", "").replace("-SNAPSHOT", "");
    if (version.isEmpty()) {
      throw new IllegalStateException("run through Maven: the project version comes from the pom");
    }
    Object alm = List.of(YAML.readValue(Files.readString(example), Map.class));

    Map<String, Object> csv = new LinkedHashMap<>();
    csv.put("apiVersion", "operators.coreos.com/v1alpha1");
    csv.put("kind", "ClusterServiceVersion");
    csv.put(
        "metadata",
        ordered(
            "name",
            PACKAGE + ".v" + version,
            "annotations",
            ordered(
                "alm-examples", Serialization.asJson(alm),
                "capabilities", "Seamless Upgrades",
                "categories", "Networking",
                "containerImage",
                    deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
                "description",
                    "Installs, upgrades and retires the Istio service mesh from one MeshInstallation resource.",
                "repository", "https://github.com/mesh-operator/mesh-operator",
                "support", "mesh-operator")));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("displayName", "Mesh Operator for Istio");
    spec.put(
        "description",
        String.join(
            "\n",
            "mesh-operator installs Istio from a single cluster-scoped `MeshInstallation`: Istio's CRDs and",
            "base objects and istiod, for a chosen Istio version and profile, with in-place upgrades and",
            "compatibility versions. Its status reports `Reconciled` and `Ready` conditions with",
            "`observedGeneration` and per-component readiness, and it writes nothing when nothing changed."));
    spec.put("version", version);
    spec.put("maturity", CHANNEL);
    spec.put("minKubeVersion", "1.30.0");
    spec.put("keywords", List.of("istio", "service mesh", "ambient", "sidecar"));
    spec.put("provider", ordered("name", "mesh-operator"));
    spec.put("icon", List.of(ordered("base64data", ICON, "mediatype", "image/svg+xml")));
    spec.put(
        "maintainers",
        List.of(
            ordered("name", "mesh-operator maintainers", "email", "maintainers@meshoperator.dev")));
    spec.put(
        "links",
        List.of(
            ordered(
                "name",
                "Documentation",
                "url",
                "https://github.com/mesh-operator/mesh-operator/tree/main/docs")));
    spec.put(
        "installModes",
        List.of(
            ordered("type", "OwnNamespace", "supported", false),
            ordered("type", "SingleNamespace", "supported", false),
            ordered("type", "MultiNamespace", "supported", false),
            ordered("type", "AllNamespaces", "supported", true)));
    spec.put(
        "customresourcedefinitions",
        ordered(
            "owned",
            List.of(
                ordered(
                    "name", "meshinstallations.mesh.operator.dev",
                    "version", "v1alpha1",
                    "kind", "MeshInstallation",
                    "displayName", "Mesh Installation",
                    "description",
                        "One Istio service mesh: which version and profile to run, and how to upgrade it."))));
    spec.put(
        "install",
        ordered(
            "strategy",
            "deployment",
            "spec",
            ordered(
                "clusterPermissions",
                    List.of(ordered("serviceAccountName", SERVICE_ACCOUNT, "rules", toMaps(rules))),
                "deployments",
                    List.of(
                        ordered(
                            "name",
                            deployment.getMetadata().getName(),
                            "spec",
                            toMap(deployment.getSpec()))))));
    csv.put("spec", spec);

    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("operators.operatorframework.io.bundle.mediatype.v1", "registry+v1");
    labels.put("operators.operatorframework.io.bundle.manifests.v1", "manifests/");
    labels.put("operators.operatorframework.io.bundle.metadata.v1", "metadata/");
    labels.put("operators.operatorframework.io.bundle.package.v1", PACKAGE);
    labels.put("operators.operatorframework.io.bundle.channels.v1", CHANNEL);
    labels.put("operators.operatorframework.io.bundle.channel.default.v1", CHANNEL);

    StringBuilder dockerfile = new StringBuilder("FROM scratch\n\n");
    labels.forEach(
        (k, v) -> dockerfile.append("LABEL ").append(k).append('=').append(v).append('\n'));
    dockerfile.append("\nCOPY manifests /manifests/\nCOPY metadata /metadata/\n");

    Map<String, String> files = new LinkedHashMap<>();
    files.put("manifests/" + PACKAGE + ".clusterserviceversion.yaml", YAML.writeValueAsString(csv));
    files.put("manifests/" + crd.getFileName(), Files.readString(crd));
    files.put("metadata/annotations.yaml", YAML.writeValueAsString(ordered("annotations", labels)));
    files.put("bundle.Dockerfile", dockerfile.toString());
    return files;
  }

  private static <T> T only(List<HasMetadata> objects, Class<T> kind) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).findFirst().orElseThrow();
  }

  private static Map<String, Object> ordered(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> toMap(Object value) {
    return Serialization.jsonMapper().convertValue(value, Map.class);
  }

  private static List<Map<String, Object>> toMaps(List<?> values) {
    return values.stream().map(OlmBundle::toMap).toList();
  }
}
