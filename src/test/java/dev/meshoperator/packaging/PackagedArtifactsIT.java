package dev.meshoperator.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshoperator.owncrd.OwnCrdUpgrade;
import dev.meshoperator.testing.GeneratedFiles;
import dev.meshoperator.testing.ProjectTools;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The committed Helm chart and OLM bundle match what this build packages. It runs in the
 * integration-test phase because Quarkus generates the chart and manifests during {@code package};
 * {@code hack/update-generated} refreshes the committed copies.
 */
@Tag(Tiers.PACKAGED)
class PackagedArtifactsIT {

  private static final Path GENERATED_CHART = Path.of("target/helm/kubernetes/mesh-operator");
  private static final Path CHART = Path.of("helm/mesh-operator");
  private static final Path KUBERNETES_YML = Path.of("target/kubernetes/kubernetes.yml");
  private static final ObjectMapper YAML_READER = new ObjectMapper(new YAMLFactory());
  private static final Path CRD =
      Path.of("src/main/resources/crds/meshinstallations.mesh.operator.dev-v1.yml");

  @Test
  void helmChartsGeneratedFilesAreCurrent() throws IOException {
    Map<String, String> generated =
        HelmChart.render(KUBERNETES_YML, CRD, System.getProperty("mesh.project-version"));
    for (Map.Entry<String, String> file : generated.entrySet()) {
      GeneratedFiles.assertCommitted(CHART.resolve(file.getKey()), file.getValue());
    }
    Set<String> expected = new TreeSet<>(generated.keySet());
    expected.addAll(HelmChart.HAND_KEPT);
    assertThat(files(CHART).keySet())
        .as("files of %s: generated (HelmChart) or kept by hand (HelmChart.HAND_KEPT)", CHART)
        .isEqualTo(expected);
  }

  /**
   * The hand-kept templates render, with their default values, the objects the Quarkus build
   * generates (its Helm extension's chart, rendered the same way): the same pod, container, probes,
   * ports, environment, Service and RBAC. Only labels and annotations may differ.
   */
  @Test
  void helmChartRendersWhatTheQuarkusBuildGenerates() throws IOException {
    Map<String, Object> ours = renderedObjects(CHART);
    Map<String, Object> reference = renderedObjects(GENERATED_CHART);
    assertThat(ours.keySet()).isEqualTo(reference.keySet());
    for (String object : reference.keySet()) {
      assertThat(ours.get(object)).as(object).isEqualTo(reference.get(object));
    }
  }

  /** {@code helm template} with default values, by "Kind name", labels and annotations removed. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> renderedObjects(Path chart) throws IOException {
    String rendered =
        ProjectTools.check(
            Map.of(),
            "helm",
            "template",
            "mesh-operator",
            chart.toString(),
            "-n",
            "operators",
            // helm template assumes Kubernetes 1.20 without a cluster; the chart needs 1.30.
            "--kube-version",
            "1.31.0");
    Map<String, Object> objects = new TreeMap<>();
    for (String document : rendered.split("(?m)^---\\s*$")) {
      if (document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
        continue;
      }
      Map<String, Object> object = YAML_READER.readValue(document, Map.class);
      Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
      metadata.remove("labels");
      metadata.remove("annotations");
      // Helm installs into the release's namespace whether a template names it or not.
      metadata.remove("namespace");
      Object spec = object.get("spec");
      if ("Deployment".equals(object.get("kind")) && spec instanceof Map<?, ?> deployment) {
        Map<String, Object> template = (Map<String, Object>) deployment.get("template");
        Map<String, Object> podMetadata = (Map<String, Object>) template.get("metadata");
        podMetadata.remove("labels");
        Map<String, Object> annotations = (Map<String, Object>) podMetadata.get("annotations");
        annotations.keySet().removeIf(key -> !key.startsWith("prometheus.io/"));
        Map<String, Object> pod = (Map<String, Object>) template.get("spec");
        for (Map<String, Object> container : (List<Map<String, Object>>) pod.get("containers")) {
          container.put("env", byName((List<Map<String, Object>>) container.get("env")));
          container.put("ports", byName((List<Map<String, Object>>) container.get("ports")));
        }
      }
      if ("Service".equals(object.get("kind")) && spec instanceof Map<?, ?> service) {
        ((Map<String, Object>) service)
            .put("ports", byName((List<Map<String, Object>>) service.get("ports")));
      }
      objects.put(object.get("kind") + " " + metadata.get("name"), withoutEmpty(object));
    }
    return objects;
  }

  /** The value without empty lists and maps, which Kubernetes reads as absent. */
  @SuppressWarnings("unchecked")
  private static Object withoutEmpty(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> kept = new TreeMap<>();
      map.forEach(
          (key, child) -> {
            Object trimmed = withoutEmpty(child);
            if (!(trimmed instanceof Map<?, ?> m && m.isEmpty())
                && !(trimmed instanceof List<?> l && l.isEmpty())) {
              kept.put(key, trimmed);
            }
          });
      return kept;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(PackagedArtifactsIT::withoutEmpty).toList();
    }
    return value;
  }

  private static Map<Object, Map<String, Object>> byName(List<Map<String, Object>> list) {
    Map<Object, Map<String, Object>> byName = new TreeMap<>();
    list.forEach(entry -> byName.put(entry.get("name"), entry));
    return byName;
  }

  @Test
  void installManifestIsDerivedFromThePackagedManifests() throws IOException {
    GeneratedFiles.assertCommitted(
        Path.of("deploy/mesh-operator.yaml"),
        InstallManifest.render(Path.of("target/kubernetes/kubernetes.yml"), CRD));
  }

  @Test
  void argoCdConfigMapSnippetCarriesTheHealthCheck() throws IOException {
    String lua = Files.readString(Path.of("deploy/argocd/meshinstallation-health.lua"));
    StringBuilder snippet =
        new StringBuilder(
            "# Merge into argocd-cm (namespace argocd) so that Argo CD waits for a MeshInstallation\n"
                + "# to be Ready; generated from meshinstallation-health.lua, do not edit.\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: argocd-cm\n"
                + "  namespace: argocd\n  labels:\n    app.kubernetes.io/part-of: argocd\n"
                + "data:\n  resource.customizations.health.mesh.operator.dev_MeshInstallation: |\n");
    lua.lines().forEach(line -> snippet.append(line.isEmpty() ? "\n" : "    " + line + "\n"));
    GeneratedFiles.assertCommitted(Path.of("deploy/argocd/argocd-cm.yaml"), snippet.toString());
  }

  @Test
  void olmBundleIsDerivedFromThePackagedManifests() throws IOException {
    Map<String, String> bundle = OlmBundle.ofBuild();
    for (Map.Entry<String, String> file : bundle.entrySet()) {
      GeneratedFiles.assertCommitted(Path.of("olm-bundle").resolve(file.getKey()), file.getValue());
    }
    assertThat(bundle.get("manifests/mesh-operator.clusterserviceversion.yaml"))
        .contains("escalate")
        .contains("serviceAccountName: mesh-operator")
        .contains("AllNamespaces")
        .contains("RELATED_IMAGE_PILOT_1_30_4")
        .doesNotContain("SNAPSHOT");
    GeneratedFiles.assertCommitted(
        Path.of("olm-catalog/mesh-operator/catalog.yaml"),
        OlmBundle.catalog(List.of(OlmBundle.releaseVersion())));
  }

  @Test
  void theOperatorWritesOnlyIstiosCrds() throws IOException {
    List<String> rendered =
        dev.meshoperator.render.MeshRenderer.render(
                new dev.meshoperator.plan.PlanResolver(dev.meshoperator.catalog.IstioCatalog.load())
                    .resolve(dev.meshoperator.testing.Installations.unapplied("m", spec -> {})))
            .objects()
            .stream()
            .filter(o -> "CustomResourceDefinition".equals(o.getKind()))
            .map(o -> o.getMetadata().getName())
            .toList();
    List<PolicyRule> crdRules =
        io
            .fabric8
            .kubernetes
            .client
            .utils
            .Serialization
            .<List<io.fabric8.kubernetes.api.model.HasMetadata>>unmarshal(
                Files.readString(Path.of("target/kubernetes/kubernetes.yml")))
            .stream()
            .filter(io.fabric8.kubernetes.api.model.rbac.ClusterRole.class::isInstance)
            .flatMap(
                role ->
                    ((io.fabric8.kubernetes.api.model.rbac.ClusterRole) role).getRules().stream())
            .filter(rule -> rule.getResources().contains("customresourcedefinitions"))
            .toList();
    // Its own CRD, patched only, as the operator starts (OwnCrdUpgrade).
    List<PolicyRule> ownCrd =
        crdRules.stream()
            .filter(rule -> rule.getResourceNames().equals(List.of(OwnCrdUpgrade.CRD_NAME)))
            .toList();
    assertThat(ownCrd)
        .singleElement()
        .satisfies(rule -> assertThat(rule.getVerbs()).containsExactly("patch"));
    crdRules = crdRules.stream().filter(rule -> !ownCrd.contains(rule)).toList();
    assertThat(rendered).as("the CRDs the base component renders").hasSizeGreaterThan(10);
    assertThat(crdRules)
        .allSatisfy(
            rule -> {
              if (rule.getVerbs().stream()
                  .anyMatch(v -> !List.of("get", "list", "watch").contains(v))) {
                assertThat(rule.getResourceNames())
                    .as("CRDs the operator may write")
                    .containsExactlyInAnyOrderElementsOf(rendered);
              }
            })
        .anySatisfy(rule -> assertThat(rule.getVerbs()).contains("patch"));
  }

  @Test
  void theOperatorJarCarriesNoTestCode() throws IOException {
    List<String> classes = new java.util.ArrayList<>();
    try (Stream<Path> jars = Files.list(Path.of("target/quarkus-app/app"))) {
      for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
          file.stream().map(java.util.jar.JarEntry::getName).forEach(classes::add);
        }
      }
    }
    assertThat(classes)
        .as("the packaged operator")
        .contains("dev/meshoperator/apply/Applier.class");
    assertThat(classes)
        .as("test harness classes in the packaged operator")
        .noneMatch(c -> c.startsWith("dev/meshoperator/localcluster/"))
        .noneMatch(c -> c.startsWith("dev/meshoperator/testing/"));
  }

  @Test
  void committedOlmBundleAndCatalogPassOperatorFrameworkValidation() throws Exception {
    OlmValidation.assertAccepted();
  }

  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(file).toString(), Files.readString(file));
      }
    }
    return files;
  }
}
