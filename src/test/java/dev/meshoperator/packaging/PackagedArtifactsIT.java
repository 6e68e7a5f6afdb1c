package dev.meshoperator.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.owncrd.OwnCrdUpgrade;
import dev.meshoperator.testing.GeneratedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed Helm chart and OLM bundle match what this build packages. It runs in the
 * integration-test phase because Quarkus generates the chart and manifests during {@code package};
 * {@code hack/update-generated} refreshes the committed copies.
 */
class PackagedArtifactsIT {

  private static final Path GENERATED_CHART = Path.of("target/helm/kubernetes/mesh-operator");
  private static final Path CHART = Path.of("helm/mesh-operator");
  private static final Path CHART_TEMPLATES = Path.of("src/main/helm/templates");
  private static final Path CRD =
      Path.of("src/main/resources/crds/meshinstallations.mesh.operator.dev-v1.yml");

  @Test
  void helmChartIsTheGeneratedOnePlusTheCrd() throws IOException {
    Map<String, String> expected = files(GENERATED_CHART);
    expected.put("crds/" + CRD.getFileName(), Files.readString(CRD));
    // Templates the Quarkus Helm extension does not take from its input folder.
    files(CHART_TEMPLATES).forEach((name, text) -> expected.put("templates/" + name, text));
    assertThat(expected).as("the build generated no chart").containsKey("Chart.yaml");
    for (Map.Entry<String, String> file : expected.entrySet()) {
      GeneratedFiles.assertCommitted(CHART.resolve(file.getKey()), file.getValue());
    }
    assertThat(files(CHART).keySet())
        .as("files in %s that the build no longer generates", CHART)
        .isEqualTo(expected.keySet());
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
    Map<String, String> bundle =
        OlmBundle.render(
            Path.of("target/kubernetes/kubernetes.yml"),
            CRD,
            Path.of("docs/examples/default.yaml"));
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
    List<io.fabric8.kubernetes.api.model.rbac.PolicyRule> crdRules =
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
    List<io.fabric8.kubernetes.api.model.rbac.PolicyRule> ownCrd =
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
    Process verify = new ProcessBuilder("hack/olm/validate.sh").redirectErrorStream(true).start();
    String output =
        new String(verify.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(verify.waitFor()).as(output).isZero();
    assertThat(output).as(output).doesNotContain("level=error");
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
