package dev.meshoperator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.BaseSpec;
import dev.meshoperator.api.v1alpha1.ComponentsSpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.apply.Applier;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.catalog.IstioRelease;
import dev.meshoperator.render.IstioLabels;
import dev.meshoperator.render.MeshRenderer;
import dev.meshoperator.render.OperatorLabels;
import dev.meshoperator.testing.AuditLog;
import dev.meshoperator.testing.AuditedCluster;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.PackagedOperator;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The packaged operator, once it leads in a cluster without Istio, creates Istio's CRDs, and an
 * ambient install of the newest release then writes none of them; an operator told not to, one
 * starting where any of Istio's CRDs exists already (another tool's), or one that finds an
 * installation (which writes what it needs, or, with base off, leaves them to someone else) creates
 * none.
 */
@Tag(Tiers.PACKAGED)
class IstioCrdsOnStartIT {

  private static final Duration BOUND = Duration.ofMinutes(2);
  private static final IstioRelease NEWEST = IstioCatalog.load().releases().get(0);
  private static final List<String> NAMES = NEWEST.api().crdNames();
  private static final String FOREIGN = "wasmplugins.extensions.istio.io";

  @Test
  void aLeaderCreatesIstiosCrdsInAClusterWithoutIstioOnly() throws Exception {
    try (AuditedCluster cluster = AuditedCluster.start("istio-crds-on-start-it", 1)) {
      KubernetesClient admin = cluster.admin();
      AuditLog audit = cluster.audit();

      try (PackagedOperator operator =
          cluster
              .startOperator(Map.of("MESH_ISTIO_CRDS_ON_START", "false"), "operator-off.log")
              .awaitStarted(BOUND)) {
        awaitLog(operator, "mesh.istio-crds.on-start is false");
        assertThat(istioCrds(admin)).as("Istio CRDs with the setting off").isEmpty();
      }
      cluster.handOverLeadership();

      // Another tool's Istio CRD: the operator leaves Istio's types to whoever manages them.
      admin.resource(foreignCrd()).create();
      try (PackagedOperator operator =
          cluster.startOperator(Map.of(), "operator-foreign.log").awaitStarted(BOUND)) {
        awaitLog(operator, "is installed already");
        assertThat(istioCrds(admin))
            .as("Istio CRDs beside another tool's")
            .containsExactly(FOREIGN);
      }
      cluster.handOverLeadership();
      admin.apiextensions().v1().customResourceDefinitions().withName(FOREIGN).delete();
      await().atMost(BOUND).until(() -> istioCrds(admin).isEmpty());

      // An installation that leaves Istio's CRDs to someone else (base off) is heeded, not helped.
      MeshInstallation withoutBase =
          admin
              .resource(
                  Installations.of(
                      "without-base",
                      spec -> {
                        BaseSpec base = new BaseSpec();
                        base.setEnabled(false);
                        ComponentsSpec components = new ComponentsSpec();
                        components.setBase(base);
                        spec.setComponents(components);
                      }))
              .create();
      try (PackagedOperator operator =
          cluster.startOperator(Map.of(), "operator-installations.log").awaitStarted(BOUND)) {
        awaitLog(operator, "MeshInstallations exist");
        MeshAssert.of(admin, withoutBase)
            .within(BOUND)
            .awaitStatus(
                m ->
                    assertThat(MeshAssert.requireCondition(m, "Reconciled").getMessage())
                        .contains("IstioCRDsMissing"));
        assertThat(istioCrds(admin)).as("Istio CRDs beside an installation without base").isEmpty();
        admin.resource(withoutBase).delete();
        await().atMost(BOUND).until(() -> admin.resource(withoutBase).get() == null);
      }
      cluster.handOverLeadership();

      try (PackagedOperator operator =
          cluster.startOperator(Map.of(), "operator.log").awaitStarted(BOUND)) {
        await()
            .atMost(BOUND)
            .untilAsserted(
                () ->
                    assertThat(
                            admin
                                .apiextensions()
                                .v1()
                                .customResourceDefinitions()
                                .list()
                                .getItems()
                                .stream()
                                .filter(ClusterCrds::isEstablished)
                                .map(crd -> crd.getMetadata().getName()))
                        .containsAll(NAMES));
        for (String name : NAMES) {
          CustomResourceDefinition crd =
              admin.apiextensions().v1().customResourceDefinitions().withName(name).get();
          assertThat(crd.getMetadata().getLabels())
              .as(name)
              .containsEntry(OperatorLabels.MANAGED_BY, OperatorLabels.MANAGED_BY_VALUE)
              .containsEntry(IstioLabels.VERSION, NEWEST.version())
              .doesNotContainKey(OperatorLabels.INSTALLATION);
          assertThat(crd.getMetadata().getManagedFields())
              .as(name + " is the operator's, applied")
              .anySatisfy(
                  f -> {
                    assertThat(f.getManager()).isEqualTo(Applier.FIELD_MANAGER);
                    assertThat(f.getOperation()).isEqualTo("Apply");
                  });
        }
        assertThat(istioCrds(admin)).hasSameSizeAs(NAMES);
        audit.awaitQuiet(2_000, BOUND.toMillis());

        long offset = audit.mark();
        MeshInstallation mesh = admin.resource(Installations.ambient("crds-on-start")).create();
        MeshAssert.of(admin, mesh).within(BOUND).awaitReady();
        audit.awaitQuiet(3_000, BOUND.toMillis());
        Map<String, Integer> install = audit.since(offset);
        assertThat(AuditLog.writes(install)).as("the install's writes: %s", install).isPositive();
        assertThat(install.keySet())
            .as("the install finds Istio's CRDs as it wants them: %s", install)
            .noneMatch(request -> request.endsWith(" customresourcedefinitions"));
      }
    }
  }

  private static void awaitLog(PackagedOperator operator, String line) {
    await()
        .atMost(BOUND)
        .until(() -> !operator.isAlive() || Files.readString(operator.log()).contains(line));
    assertThat(operator.isAlive()).as("the operator runs; see %s", operator.log()).isTrue();
  }

  private static List<String> istioCrds(KubernetesClient admin) {
    return admin.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
        .map(crd -> crd.getMetadata().getName())
        .filter(name -> name.endsWith(".istio.io"))
        .sorted()
        .toList();
  }

  /** Istio's WasmPlugin CRD without the operator's labels, as another installer would leave it. */
  private static HasMetadata foreignCrd() {
    HasMetadata crd =
        MeshRenderer.istioCrds(NEWEST).stream()
            .filter(c -> FOREIGN.equals(c.getMetadata().getName()))
            .findFirst()
            .orElseThrow();
    crd.getMetadata().setLabels(null);
    return crd;
  }
}
