package dev.meshoperator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.BaseSpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.testing.AuditedCluster;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.PackagedOperator;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An operator upgrade never moves Istio. Earlier CRDs defaulted spec.version to "latest"; under
 * server-side apply the API server stores that default without a field manager. With such a CRD in
 * place, an installation applied without a version gets "latest" from the API server, and the
 * operator installs the newest release. Then a newer catalog arrives (a runtime catalog, as a new
 * operator release's would): the defaulted installation stays where it is, said by versionSource
 * Defaulted and an Event, while one whose spec names "latest" itself follows the alias.
 */
@Tag(Tiers.PACKAGED)
class DefaultedVersionIT {

  private static final Duration BOUND = Duration.ofMinutes(3);
  private static final String NEWER = "1.31.99";

  @Test
  void anAliasTheApiServerDefaultedDoesNotFollowANewerCatalog() throws Exception {
    try (AuditedCluster cluster = AuditedCluster.start("defaulted-version-it", 1)) {
      KubernetesClient admin = cluster.admin();
      olderCrdDefaultingTheVersion(admin);
      try (PackagedOperator operator =
          cluster.startOperator(Map.of(), "operator.log").awaitStarted(BOUND)) {
        // As GitOps tools and kubectl apply --server-side write it: by server-side apply.
        MeshInstallation defaulted =
            admin
                .resource(Installations.of("defaulted", spec -> spec.setProfile(Profile.MINIMAL)))
                .fieldManager("argocd-controller")
                .serverSideApply();
        assertThat(defaulted.getSpec().getVersion())
            .as("the API server defaulted the version")
            .isEqualTo("latest");
        MeshInstallation written =
            admin
                .resource(
                    Installations.of(
                        "written",
                        spec -> {
                          spec.setVersion("latest");
                          spec.setProfile(Profile.MINIMAL);
                          BaseSpec base = new BaseSpec();
                          base.setEnabled(false);
                          spec.getComponents().setBase(base);
                        }))
                .create();
        String installed =
            MeshAssert.of(admin, defaulted).within(BOUND).awaitReady().getStatus().getVersion();
        MeshAssert.of(admin, written).within(BOUND).awaitReady();
        long istiodGeneration = istiodGeneration(admin, "defaulted");

        newerCatalog(admin);

        MeshAssert.of(admin, written)
            .within(BOUND)
            .awaitReady(m -> assertThat(m.getStatus().getVersion()).isEqualTo(NEWER));
        MeshInstallation kept =
            MeshAssert.of(admin, defaulted)
                .within(BOUND)
                .awaitReady(
                    m -> assertThat(m.getStatus().getVersionSource()).isEqualTo("Defaulted"));
        assertThat(kept.getStatus().getVersion()).isEqualTo(installed);
        await()
            .atMost(BOUND)
            .untilAsserted(
                () ->
                    assertThat(MeshAssert.of(admin, defaulted).events())
                        .anySatisfy(
                            e -> {
                              assertThat(e.getReason()).isEqualTo("DefaultedVersionKept");
                              assertThat(e.getMessage()).contains("Istio " + installed);
                            }));
        assertThat(istiodGeneration(admin, "defaulted"))
            .as("istiod of the defaulted installation was not rolled")
            .isEqualTo(istiodGeneration);
      }
    }
  }

  /** The MeshInstallation CRD as earlier releases had it: spec.version defaulted to latest. */
  private static void olderCrdDefaultingTheVersion(KubernetesClient admin) {
    admin
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("meshinstallations.mesh.operator.dev")
        .patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"add\",\"path\":\"/spec/versions/0/schema/openAPIV3Schema/properties/spec"
                + "/properties/version/default\",\"value\":\"latest\"}]");
  }

  private static void newerCatalog(KubernetesClient admin) {
    admin
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("newer-releases")
                .withNamespace(AuditedCluster.OPERATOR_NAMESPACE)
                .addToLabels("mesh.operator.dev/istio-catalog", "true")
                .endMetadata()
                .addToData(
                    "catalog.yaml", "minorLines:\n- minor: \"1.31\"\n  patches: [" + NEWER + "]\n")
                .build())
        .forceConflicts()
        .serverSideApply();
  }

  private static long istiodGeneration(KubernetesClient admin, String namespace) {
    return admin
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName("istiod")
        .get()
        .getMetadata()
        .getGeneration();
  }
}
