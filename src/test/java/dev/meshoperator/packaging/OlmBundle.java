package dev.meshoperator.packaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.catalog.RelatedImages;
import dev.meshoperator.catalog.RelatedImages.RelatedImage;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OLM bundle (registry+v1), derived from what the Quarkus build generates: the operator's
 * Deployment and ClusterRoles become the CSV's install strategy, so the bundle cannot drift from
 * the Helm chart or the plain manifests. (quarkus-operator-sdk's own bundle generator is not
 * available from our registry.)
 */
final class OlmBundle {

  static final String PACKAGE = "mesh-operator";

  /** The ClusterRole scrapers are bound to; the bundle ships it beside the CSV. */
  static final String METRICS_READER = "mesh-operator-metrics-reader";

  private static final String OWN_CRD = "meshinstallations.mesh.operator.dev";
  private static final String SCORECARD = "tests/scorecard";
  private static final String SCORECARD_IMAGE = "quay.io/operator-framework/scorecard-test:v1.42.0";

  /** Releases go to candidate first and to stable once proven; stable is the default. */
  static final List<String> CHANNELS = List.of("stable", "candidate");

  static final String SERVICE_ACCOUNT = "mesh-operator";
  static final String BUNDLE_IMAGE = "docker.io/meshoperator/mesh-operator-bundle";

  private static final ObjectMapper YAML = ManifestYaml.MAPPER;

  /** A hexagon of three linked nodes: a mesh. Drawn for this project. */
  private static final String ICON =
      Base64.getEncoder()
          .encodeToString(
              ("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'>"
                      + "<polygon points='32,4 56,18 56,46 32,60 8,46 8,18' fill='#1f4e79'/>"
                      + "<g stroke='#fff' stroke-width='3'><line x1='32' y1='18' x2='20' y2='40'/>"
                      + "<line x1='32' y1='18' x2='44' y2='40'/><line x1='20' y1='40' x2='44' y2='40'/></g>"
                      + "<g fill='#fff'><circle cx='32' cy='18' r='5'/><circle cx='20' cy='40' r='5'/>"
                      + "<circle cx='44' cy='40' r='5'/></g></svg>")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));

  private OlmBundle() {}

  /** What the build generates, from which every bundle is derived. */
  private static final Path KUBERNETES_YML = Path.of("target/kubernetes/kubernetes.yml");

  private static final Path CRD =
      Path.of("src/main/resources/crds/meshinstallations.mesh.operator.dev-v1.yml");

  /** The example the CSV offers (alm-examples). */
  private static final Path EXAMPLE = Path.of("docs/examples/default.yaml");

  /**
   * The bundle of this build's version, its images pinned by the digests a release gives
   * (-Dmesh.image-digests): relative path in olm-bundle/ to file content.
   */
  static Map<String, String> ofBuild() throws IOException {
    return ofBuild(releaseVersion(), null, ImageDigests.fromSystemProperty());
  }

  /** The release after {@code version}: its patch number plus one. */
  static String nextPatch(String version) {
    int dot = version.lastIndexOf('.');
    return version.substring(0, dot + 1) + (Integer.parseInt(version.substring(dot + 1)) + 1);
  }

  /** The project version a release carries: never a SNAPSHOT. */
  static String releaseVersion() {
    String version = System.getProperty("mesh.project-version", "").replace("-SNAPSHOT", "");
    if (version.isEmpty()) {
      throw new IllegalStateException("run through Maven: the project version comes from the pom");
    }
    return version;
  }

  /**
   * The bundle of {@code version} from what the build generated, upgrading from {@code replaces} (a
   * CSV name, or null for the first release in the catalog), with the images whose digests are
   * known named by digest: the operator's Deployment, the RELATED_IMAGE_* variables and
   * relatedImages. Only a bundle whose every image is pinned says it works disconnected.
   */
  static Map<String, String> ofBuild(String version, String replaces, ImageDigests digests)
      throws IOException {
    List<HasMetadata> generated = Serialization.unmarshal(Files.readString(KUBERNETES_YML));
    generated.forEach(InstallManifest::stablePorts);
    Deployment deployment = only(generated, Deployment.class);
    List<PolicyRule> rules = new ArrayList<>();
    // The metrics reader is for scrapers, not the operator: the bundle ships it on its own.
    ClusterRole metricsReader = null;
    for (HasMetadata object : generated) {
      if (object instanceof ClusterRole role) {
        if (METRICS_READER.equals(role.getMetadata().getName())) {
          metricsReader = role;
        } else {
          // OLM upgrades the bundle's CRD, so the operator needs no right to patch its own.
          role.getRules().stream()
              .filter(rule -> !rule.getResourceNames().equals(List.of(OWN_CRD)))
              .forEach(rules::add);
        }
      }
    }
    Service service = only(generated, Service.class);
    // Namespaced roles (leader election's Lease) become permissions in the operator's namespace.
    List<PolicyRule> namespacedRules = new ArrayList<>();
    generated.stream()
        .filter(Role.class::isInstance)
        .map(Role.class::cast)
        .forEach(role -> namespacedRules.addAll(role.getRules()));
    deployment.getSpec().getTemplate().getSpec().setServiceAccountName(SERVICE_ACCOUNT);
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    String operatorImage = container.getImage().replaceFirst(":[^:/]+$", ":" + version);
    container.setImage(digests.pin(operatorImage));
    List<RelatedImage> istioImages = RelatedImages.of(IstioCatalog.load());
    List<String> references = new ArrayList<>(List.of(operatorImage));
    istioImages.forEach(image -> references.add(image.reference()));
    // A disconnected cluster's mirroring rewrites these, and the operator pulls from the mirror.
    // OLM upgrades the bundle's CRD itself.
    container.getEnv().stream()
        .filter(env -> env.getName().equals("MESH_OWN_CRD_UPGRADE_ON_START"))
        .forEach(env -> env.setValue("false"));
    for (RelatedImage image : istioImages) {
      container
          .getEnv()
          .add(new EnvVar(image.environmentVariable(), digests.pin(image.reference()), null));
    }
    // The example pins the release 'latest' names now (never a pre-release): an alias moves.
    @SuppressWarnings("unchecked")
    Map<String, Object> example = YAML.readValue(Files.readString(EXAMPLE), Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> exampleSpec = (Map<String, Object>) example.get("spec");
    exampleSpec.put("version", IstioCatalog.load().resolve("latest").orElseThrow().version());
    Object alm = List.of(example);

    Map<String, Object> csv = new LinkedHashMap<>();
    csv.put("apiVersion", "operators.coreos.com/v1alpha1");
    csv.put("kind", "ClusterServiceVersion");
    csv.put(
        "metadata",
        ordered(
            "name",
            PACKAGE + ".v" + version,
            // The image is built for linux/amd64 only (hack/image/build).
            "labels",
            ordered(
                "operatorframework.io/arch.amd64", "supported",
                "operatorframework.io/os.linux", "supported"),
            "annotations",
            ordered(
                "alm-examples",
                Serialization.asJson(alm),
                "capabilities",
                "Seamless Upgrades",
                "olm.skipRange",
                "<" + version,
                // Mirroring by ImageDigestMirrorSet needs relatedImages by digest, which a
                // release names only once it reads them from a registry (docs/deployment.md).
                "features.operators.openshift.io/disconnected",
                Boolean.toString(digests.pinsAll(references)),
                "categories",
                "Networking",
                "containerImage",
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
                "description",
                "Installs, upgrades and retires the Istio service mesh (sidecar or ambient) from one"
                    + " MeshInstallation resource.",
                "repository",
                "https://github.com/mesh-operator/mesh-operator",
                "support",
                "mesh-operator")));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("displayName", "Mesh Operator for Istio");
    spec.put(
        "description",
        String.join(
            "\n",
            "mesh-operator installs Istio from a single cluster-scoped `MeshInstallation`: Istio's CRDs and",
            "base objects, istiod, the istio-cni and ztunnel node agents and the ingress and egress",
            "gateways, for a chosen Istio version and profile (sidecar or ambient).",
            "",
            "- Upgrades in place or as revision-based canaries, with revision tags, automatic or manual",
            "  promotion, batched workload restarts, pruning of unused revisions and rollback.",
            "- Compatibility versions, ambient enrollment of namespaces by name or label, and waypoints.",
            "- One registry and pull secret for every Istio image; in a disconnected cluster, the",
            "  mirrored images of this bundle's relatedImages are used.",
            "- Status with `Reconciled` and `Ready` conditions (with `observedGeneration`), Events for",
            "  each milestone and failure, Prometheus metrics; it writes nothing when nothing changed."));
    spec.put("version", version);
    if (replaces != null) {
      spec.put("replaces", replaces);
    }
    // As the API's version says: v1alpha1 may still change.
    spec.put("maturity", "alpha");
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
                        "One Istio service mesh: which version and profile to run, and how to upgrade it.",
                    "specDescriptors", specDescriptors(),
                    "statusDescriptors", statusDescriptors()))));
    spec.put(
        "install",
        ordered(
            "strategy",
            "deployment",
            "spec",
            ordered(
                "clusterPermissions",
                    List.of(ordered("serviceAccountName", SERVICE_ACCOUNT, "rules", toMaps(rules))),
                "permissions",
                    List.of(
                        ordered(
                            "serviceAccountName",
                            SERVICE_ACCOUNT,
                            "rules",
                            toMaps(namespacedRules))),
                "deployments",
                    List.of(
                        ordered(
                            "name",
                            deployment.getMetadata().getName(),
                            "spec",
                            toMap(deployment.getSpec()))))));
    List<Object> related = new ArrayList<>();
    related.add(ordered("name", "mesh-operator", "image", container.getImage()));
    istioImages.forEach(
        i -> related.add(ordered("name", i.name(), "image", digests.pin(i.reference()))));
    spec.put("relatedImages", related);
    csv.put("spec", spec);

    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("operators.operatorframework.io.bundle.mediatype.v1", "registry+v1");
    labels.put("operators.operatorframework.io.bundle.manifests.v1", "manifests/");
    labels.put("operators.operatorframework.io.bundle.metadata.v1", "metadata/");
    labels.put("operators.operatorframework.io.bundle.package.v1", PACKAGE);
    labels.put("operators.operatorframework.io.bundle.channels.v1", String.join(",", CHANNELS));
    labels.put("operators.operatorframework.io.bundle.channel.default.v1", CHANNELS.get(0));
    labels.put("operators.operatorframework.io.test.mediatype.v1", "scorecard+v1");
    labels.put("operators.operatorframework.io.test.config.v1", SCORECARD + "/");

    StringBuilder dockerfile = new StringBuilder("FROM scratch\n\n");
    labels.forEach(
        (k, v) -> dockerfile.append("LABEL ").append(k).append('=').append(v).append('\n'));
    dockerfile.append(
        "\nCOPY manifests /manifests/\nCOPY metadata /metadata/\nCOPY "
            + SCORECARD
            + " /"
            + SCORECARD
            + "/\n");

    Map<String, String> files = new LinkedHashMap<>();
    files.put("manifests/" + PACKAGE + ".clusterserviceversion.yaml", YAML.writeValueAsString(csv));
    files.put("manifests/" + CRD.getFileName(), Files.readString(CRD));
    files.put(
        "manifests/" + METRICS_READER + "_rbac.authorization.k8s.io_v1_clusterrole.yaml",
        YAML.writeValueAsString(bundled(metricsReader)));
    files.put(
        "manifests/" + service.getMetadata().getName() + "_v1_service.yaml",
        YAML.writeValueAsString(bundled(service)));
    files.put("metadata/annotations.yaml", YAML.writeValueAsString(ordered("annotations", labels)));
    files.put(SCORECARD + "/config.yaml", YAML.writeValueAsString(scorecard()));
    files.put("bundle.Dockerfile", dockerfile.toString());
    return files;
  }

  /**
   * The file-based catalog of the given releases (oldest first): each in both channels, each
   * replacing the one before and skipping anything older.
   */
  static String catalog(List<String> versions) throws IOException {
    return catalog(versions, Map.of());
  }

  /**
   * The same, each bundle of {@code bundles} (files by path, as {@link #render} gives them) with
   * its manifests inline as {@code olm.bundle.object} properties and no image, as {@code opm
   * render} writes a bundle directory into a catalog: OLM then installs from the catalog itself.
   */
  static String catalog(List<String> versions, Map<String, Map<String, String>> bundles)
      throws IOException {
    StringBuilder fbc = new StringBuilder();
    fbc.append(
        YAML.writeValueAsString(
            ordered(
                "schema",
                "olm.package",
                "name",
                PACKAGE,
                "defaultChannel",
                CHANNELS.get(0),
                "description",
                "Installs, upgrades and retires the Istio service mesh.")));
    for (String channel : CHANNELS) {
      List<Object> entries = new ArrayList<>();
      String previous = null;
      for (String version : versions) {
        Map<String, Object> entry = ordered("name", PACKAGE + ".v" + version);
        if (previous != null) {
          entry.put("replaces", PACKAGE + ".v" + previous);
        }
        entry.put("skipRange", "<" + version);
        entries.add(entry);
        previous = version;
      }
      fbc.append("---\n")
          .append(
              YAML.writeValueAsString(
                  ordered(
                      "schema", "olm.channel",
                      "package", PACKAGE,
                      "name", channel,
                      "entries", entries)));
    }
    for (String version : versions) {
      List<Object> properties = new ArrayList<>();
      properties.add(
          ordered(
              "type", "olm.package", "value", ordered("packageName", PACKAGE, "version", version)));
      properties.add(
          ordered(
              "type",
              "olm.gvk",
              "value",
              ordered(
                  "group",
                  "mesh.operator.dev",
                  "kind",
                  "MeshInstallation",
                  "version",
                  "v1alpha1")));
      Map<String, Object> bundle =
          ordered("schema", "olm.bundle", "name", PACKAGE + ".v" + version, "package", PACKAGE);
      if (bundles.containsKey(version)) {
        // No image: OLM takes a bundle without one from its inline objects, with no unpack Job.
        properties.addAll(objects(bundles.get(version)));
      } else {
        bundle.put("image", BUNDLE_IMAGE + ":v" + version);
      }
      bundle.put("properties", properties);
      fbc.append("---\n").append(YAML.writeValueAsString(bundle));
    }
    return fbc.toString();
  }

  /** A bundle's manifests as {@code olm.bundle.object} properties, in file order. */
  private static List<Object> objects(Map<String, String> files) throws IOException {
    List<Object> objects = new ArrayList<>();
    for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
      if (file.getKey().startsWith("manifests/")) {
        String json = Serialization.asJson(YAML.readValue(file.getValue(), Map.class));
        objects.add(
            ordered(
                "type",
                "olm.bundle.object",
                "value",
                ordered(
                    "data",
                    Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)))));
      }
    }
    return objects;
  }

  private static List<Object> specDescriptors() {
    return List.of(
        descriptor(
            "version",
            "Istio version",
            "A release (1.30.4), a line (1.30-latest) or latest.",
            "urn:alm:descriptor:com.tectonic.ui:text"),
        descriptor(
            "profile",
            "Profile",
            "default, minimal, demo, ambient or empty.",
            "urn:alm:descriptor:com.tectonic.ui:select:default",
            "urn:alm:descriptor:com.tectonic.ui:select:minimal",
            "urn:alm:descriptor:com.tectonic.ui:select:demo",
            "urn:alm:descriptor:com.tectonic.ui:select:ambient",
            "urn:alm:descriptor:com.tectonic.ui:select:empty"),
        descriptor(
            "namespace",
            "Control-plane namespace",
            "Where istiod runs.",
            "urn:alm:descriptor:io.kubernetes:Namespace"),
        descriptor(
            "compatibilityVersion",
            "Compatibility version",
            "Behave like an older minor release for a while (1.29).",
            "urn:alm:descriptor:com.tectonic.ui:text"),
        descriptor(
            "updateStrategy.type",
            "Update strategy",
            "InPlace or RevisionBased.",
            "urn:alm:descriptor:com.tectonic.ui:select:InPlace",
            "urn:alm:descriptor:com.tectonic.ui:select:RevisionBased"),
        descriptor(
            "hub",
            "Image registry",
            "One registry for every Istio image.",
            "urn:alm:descriptor:com.tectonic.ui:text",
            "urn:alm:descriptor:com.tectonic.ui:advanced"));
  }

  private static List<Object> statusDescriptors() {
    return List.of(
        descriptor(
            "conditions",
            "Conditions",
            "Reconciled, Ready and, in ambient, enrollment.",
            "urn:alm:descriptor:io.kubernetes.conditions"),
        descriptor(
            "version",
            "Running version",
            "The Istio release that runs.",
            "urn:alm:descriptor:text"),
        descriptor(
            "activeRevision",
            "Active revision",
            "Where the default tag points.",
            "urn:alm:descriptor:text"));
  }

  private static Map<String, Object> descriptor(
      String path, String displayName, String description, String... xDescriptors) {
    return ordered(
        "path", path,
        "displayName", displayName,
        "description", description,
        "x-descriptors", List.of(xDescriptors));
  }

  /**
   * operator-sdk scorecard's configuration: its basic and OLM suites, from the test image of the
   * operator-sdk release named here.
   */
  private static Map<String, Object> scorecard() {
    List<Object> tests = new ArrayList<>();
    Map<String, String> suites = new LinkedHashMap<>();
    suites.put("basic-check-spec", "basic");
    suites.put("olm-bundle-validation", "olm");
    suites.put("olm-crds-have-validation", "olm");
    suites.put("olm-crds-have-resources", "olm");
    suites.put("olm-spec-descriptors", "olm");
    suites.put("olm-status-descriptors", "olm");
    suites.forEach(
        (test, suite) ->
            tests.add(
                ordered(
                    "entrypoint", List.of("scorecard-test", test),
                    "image", SCORECARD_IMAGE,
                    "labels", ordered("suite", suite, "test", test + "-test"))));
    return ordered(
        "apiVersion",
        "scorecard.operatorframework.io/v1alpha3",
        "kind",
        "Configuration",
        "metadata",
        ordered("name", "config"),
        "stages",
        List.of(ordered("parallel", true, "tests", tests)));
  }

  /** An object as a bundle carries it: no namespace (OLM installs it in the operator's). */
  private static Map<String, Object> bundled(HasMetadata object) {
    Map<String, Object> map = toMap(object);
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) map.get("metadata");
    metadata.remove("namespace");
    return map;
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
