package dev.meshoperator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.localcluster.CrdInstaller;
import dev.meshoperator.localcluster.LocalCluster;
import dev.meshoperator.status.Conditions;
import dev.meshoperator.testing.DeploymentImages;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.MeshEdits;
import dev.meshoperator.testing.Namespaces;
import dev.meshoperator.testing.OwnCluster;
import dev.meshoperator.testing.PackagedOperator;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A patch release the operator's build does not know, added through a runtime catalog (a ConfigMap
 * in the operator's namespace), is installed and then upgraded to without a new operator build; a
 * bad runtime catalog is reported and left out.
 */
@Tag(Tiers.PACKAGED)
class RuntimeCatalogIT {

  private static final String NAMESPACE = "mesh-operator";
  private static final Duration BOUND = Duration.ofSeconds(90);

  @Test
  void releasesAddedAtRuntimeAreInstalledAndUpgradedTo() throws Exception {
    try (LocalCluster cluster = OwnCluster.start("runtime-catalog-it");
        KubernetesClient admin = cluster.newClient()) {
      CrdInstaller.installMeshInstallationCrd(admin);
      Namespaces.apply(admin, NAMESPACE, Map.of());
      String account = PackagedOperator.installGeneratedRbac(admin, NAMESPACE);
      try (PackagedOperator operator =
          PackagedOperator.start(
              cluster.clientConfig(),
              NAMESPACE,
              PackagedOperator.token(admin, NAMESPACE, account),
              Map.of(),
              List.of(),
              Path.of("target/runtime-catalog-it-operator.log"))) {
        MeshInstallation mesh = Installations.of("rc", spec -> spec.setVersion("1.30.9"));
        admin.resource(mesh).create();
        MeshAssert.of(admin, mesh).within(BOUND).awaitReason(Conditions.RECONCILED, "InvalidSpec");

        catalog(admin, "minorLines:\n- minor: \"1.30\"\n  patches: [1.30.9]\n");
        MeshInstallation installed =
            MeshAssert.of(admin, mesh)
                .within(BOUND)
                .awaitReady(m -> assertThat(m.getStatus().getVersion()).isEqualTo("1.30.9"));
        assertThat(installed.getStatus().getVersionCatalog())
            .isEqualTo("ConfigMap mesh-operator/extra-releases");
        assertThat(MeshAssert.requireCondition(installed, Conditions.RUNTIME_CATALOG).getStatus())
            .isEqualTo("True");
        assertThat(istiodImage(admin)).isEqualTo("docker.io/istio/pilot:1.30.9");

        catalog(admin, "minorLines:\n- minor: \"1.30\"\n  patches: [1.30.10, 1.30.9]\n");
        MeshEdits.edit(admin, "rc", m -> m.getSpec().setVersion("1.30.10"));
        MeshAssert.of(admin, mesh)
            .within(BOUND)
            .awaitReady(m -> assertThat(m.getStatus().getVersion()).isEqualTo("1.30.10"));
        assertThat(istiodImage(admin)).isEqualTo("docker.io/istio/pilot:1.30.10");

        // A release filed under the wrong line: refused whole, said so, built-in catalog kept.
        catalog(admin, "minorLines:\n- minor: \"1.30\"\n  patches: [1.31.0]\n");
        var invalid =
            MeshAssert.of(admin, mesh)
                .within(BOUND)
                .awaitReason(Conditions.RUNTIME_CATALOG, "Invalid");
        assertThat(invalid.getMessage()).contains("1.31.0 is not a release of the 1.30 line");
        MeshAssert.of(admin, mesh).within(BOUND).awaitWarningEvent("Invalid");
        assertThat(istiodImage(admin)).as("what runs is left alone").endsWith(":1.30.10");
        admin.resource(mesh).delete();
        org.awaitility.Awaitility.await()
            .atMost(BOUND)
            .until(() -> admin.resource(mesh).get() == null);
        assertThat(operator.isAlive()).isTrue();
      }
    }
  }

  private static void catalog(KubernetesClient admin, String yaml) {
    admin
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("extra-releases")
                .withNamespace(NAMESPACE)
                .addToLabels("mesh.operator.dev/istio-catalog", "true")
                .endMetadata()
                .addToData("catalog.yaml", yaml)
                .build())
        .forceConflicts()
        .serverSideApply();
  }

  private static String istiodImage(KubernetesClient admin) {
    return DeploymentImages.of(admin, "rc", "istiod");
  }
}
