package dev.meshoperator.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.localcluster.LocalCluster;
import dev.meshoperator.owncrd.OwnCrdUpgrade;
import dev.meshoperator.testing.DeployedOperator;
import dev.meshoperator.testing.Namespaces;
import dev.meshoperator.testing.OwnCluster;
import dev.meshoperator.testing.PackagedOperator;
import dev.meshoperator.testing.ProjectTools;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code helm upgrade} from the previous release's chart (hack/previous-release/commit, read from
 * git) to this one. Helm installs a chart's CRD once and never upgrades it, so right after the
 * upgrade the cluster still has the previous CRD, which would prune the fields added since; the
 * upgraded operator brings it up to its own as it starts, and a field new in this release is kept.
 */
@Tag(Tiers.PACKAGED)
class HelmChartUpgradeIT {

  private static final String NAMESPACE = "mesh-operator";
  private static final Duration BOUND = Duration.ofSeconds(90);

  @Test
  void anUpgradeFromThePreviousChartGetsTheNewCrdFields() throws Exception {
    Path previousChart = previousChart();
    try (LocalCluster cluster = OwnCluster.start("helm-upgrade-it");
        KubernetesClient admin = cluster.newClient()) {
      Map<String, String> kubeconfig = Map.of("KUBECONFIG", cluster.kubeconfig().toString());
      Namespaces.apply(admin, NAMESPACE, Map.of());
      ProjectTools.check(
          kubeconfig,
          "helm",
          "install",
          "mesh-operator",
          previousChart.toString(),
          "--namespace",
          NAMESPACE);
      assertThat(schemaOf(admin)).as("the previous release's CRD").doesNotContain("\"overlays\"");

      ProjectTools.check(
          kubeconfig,
          "helm",
          "upgrade",
          "mesh-operator",
          "helm/mesh-operator",
          "--namespace",
          NAMESPACE);
      assertThat(schemaOf(admin)).as("Helm left the CRD alone").doesNotContain("\"overlays\"");

      Deployment deployment =
          admin.apps().deployments().inNamespace(NAMESPACE).withName("mesh-operator").get();
      Path log = Path.of("target/helm-upgrade-it-operator.log");
      try (PackagedOperator operator =
          DeployedOperator.start(admin, cluster.clientConfig(), deployment, "upgraded", log)) {
        await()
            .atMost(BOUND)
            .untilAsserted(
                () -> {
                  assertThat(operator.isAlive()).as("operator; see %s", log).isTrue();
                  assertThat(schemaOf(admin)).contains("\"overlays\"");
                });
        CustomResourceDefinition upgraded = crd(admin);
        assertThat(upgraded.getMetadata().getAnnotations())
            .containsEntry(
                OwnCrdUpgrade.VERSION_ANNOTATION, System.getProperty("mesh.project-version"));

        MeshInstallation created =
            admin
                .resource(
                    Serialization.unmarshal(
                        """
                        apiVersion: mesh.operator.dev/v1alpha1
                        kind: MeshInstallation
                        metadata:
                          name: after-upgrade
                        spec:
                          overlays:
                            - kind: Deployment
                              name: istiod
                              patches:
                                - op: add
                                  path: /metadata/labels/team
                                  value: mesh
                        """,
                        MeshInstallation.class))
                .create();
        MeshInstallation read = admin.resource(created).get();
        assertThat(read.getSpec().getOverlays())
            .as("a field added since the previous release, kept by the API server")
            .singleElement()
            .satisfies(overlay -> assertThat(overlay.getName()).isEqualTo("istiod"));
      }

      // A second start finds the CRD current and writes nothing.
      String resourceVersion = crd(admin).getMetadata().getResourceVersion();
      Path again = Path.of("target/helm-upgrade-it-operator-again.log");
      try (PackagedOperator operator =
          DeployedOperator.start(admin, cluster.clientConfig(), deployment, "again", again)
              .awaitStarted(BOUND)) {
        await()
            .atMost(BOUND)
            .until(() -> Files.readString(again).contains("Started event processing"));
        assertThat(crd(admin).getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
        assertThat(Files.readString(again)).doesNotContain("Updated the MeshInstallation CRD");
      }
    }
  }

  /** The previous release's chart, from git, under target/. */
  private static Path previousChart() throws Exception {
    String commit = Files.readString(Path.of("hack/previous-release/commit")).strip();
    Path out = Path.of("target/previous-chart-" + commit.substring(0, 12));
    if (!Files.isDirectory(out.resolve("helm/mesh-operator"))) {
      Files.createDirectories(out);
      Process archive =
          new ProcessBuilder(
                  "sh", "-c", "git archive " + commit + " helm/mesh-operator | tar -x -C " + out)
              .redirectErrorStream(true)
              .start();
      String output = new String(archive.getInputStream().readAllBytes());
      assertThat(archive.waitFor()).as("git archive of the previous release: %s", output).isZero();
    }
    return out.resolve("helm/mesh-operator");
  }

  private static CustomResourceDefinition crd(KubernetesClient admin) {
    return admin
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(OwnCrdUpgrade.CRD_NAME)
        .get();
  }

  private static String schemaOf(KubernetesClient admin) {
    return Serialization.asJson(crd(admin).getSpec().getVersions().get(0).getSchema());
  }
}
