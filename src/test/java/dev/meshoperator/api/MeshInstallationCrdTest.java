package dev.meshoperator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.testing.GeneratedFiles;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed CRD is exactly what the Java model generates. */
class MeshInstallationCrdTest {

  public static final Path COMMITTED =
      Path.of("src/main/resources/crds/meshinstallations.mesh.operator.dev-v1.yml");

  /** kubectl shows printer columns in CRD order; the generator sorts them by name. */
  private static final List<String> COLUMN_ORDER =
      List.of(
          "Requested",
          "Version",
          "Profile",
          "Revision",
          "Reconciled",
          "Ready",
          "Reason",
          "Outcome",
          "Age");

  @Test
  void committedCrdMatchesTheJavaModel(@TempDir Path out) throws Exception {
    new CRDGenerator()
        .customResourceClasses(MeshInstallation.class)
        .forCRDVersions("v1")
        .inOutputDir(out.toFile())
        .generate();
    CustomResourceDefinition crd =
        Serialization.unmarshal(
            Files.readString(out.resolve("meshinstallations.mesh.operator.dev-v1.yml")),
            CustomResourceDefinition.class);
    crd.getSpec()
        .getVersions()
        .forEach(
            v ->
                v.getAdditionalPrinterColumns()
                    .sort(
                        Comparator.comparingInt(
                            (CustomResourceColumnDefinition c) ->
                                COLUMN_ORDER.indexOf(c.getName()))));

    GeneratedFiles.assertCommitted(
        COMMITTED,
        "# Generated from dev.meshoperator.api.v1alpha1; do not edit.\n"
            + Serialization.asYaml(crd).replaceFirst("^---\n", ""));
  }

  @Test
  void printerColumnsAreTheOnesKubectlShouldShow() throws Exception {
    CustomResourceDefinition crd =
        Serialization.unmarshal(Files.readString(COMMITTED), CustomResourceDefinition.class);
    assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
        .extracting(CustomResourceColumnDefinition::getName)
        .containsExactlyElementsOf(COLUMN_ORDER);
    assertThat(crd.getSpec().getScope()).isEqualTo("Cluster");
  }

  @Test
  void kubectlExplainDescribesTheResourceAndItsSpec() throws Exception {
    CustomResourceDefinition crd =
        Serialization.unmarshal(Files.readString(COMMITTED), CustomResourceDefinition.class);
    var schema = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
    assertThat(schema.getDescription()).contains("One Istio service mesh");
    assertThat(schema.getProperties().get("spec").getDescription()).contains("The mesh asked for");
  }
}
