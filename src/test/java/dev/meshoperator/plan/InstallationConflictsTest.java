package dev.meshoperator.plan;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshoperator.api.v1alpha1.BaseSpec;
import dev.meshoperator.api.v1alpha1.ComponentsSpec;
import dev.meshoperator.api.v1alpha1.GatewaySpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.testing.Installations;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstallationConflictsTest {

  private final PlanResolver resolver = new PlanResolver(IstioCatalog.load());

  @Test
  void aNewerInstallationMayNotInstallTheBaseAgain() {
    MeshInstallation older = mesh("a", "2026-11-23T10:00:00Z", "istio-system", true);
    MeshInstallation newer = mesh("b", "2026-11-23T11:00:00Z", "mesh-b", true);
    assertThatThrownBy(() -> check(newer, older, newer))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("already installed by MeshInstallation a")
        .hasMessageContaining("base.enabled");
    assertThatCode(() -> check(older, older, newer))
        .as("the older one keeps it")
        .doesNotThrowAnyException();
  }

  @Test
  void aNewerInstallationMayNotShareAControlPlaneNamespace() {
    MeshInstallation older = mesh("a", "2026-11-23T10:00:00Z", "istio-system", true);
    MeshInstallation newer = mesh("b", "2026-11-23T11:00:00Z", "istio-system", false);
    assertThatThrownBy(() -> check(newer, older, newer))
        .hasMessageContaining(
            "namespace istio-system already hosts the control plane of MeshInstallation a");
  }

  @Test
  void aSecondControlPlaneWithoutBaseInItsOwnNamespaceIsFine() {
    MeshInstallation older = mesh("a", "2026-11-23T10:00:00Z", "istio-system", true);
    MeshInstallation newer = mesh("b", "2026-11-23T11:00:00Z", "mesh-b", false);
    assertThatCode(() -> check(newer, older, newer)).doesNotThrowAnyException();
  }

  @Test
  void aNewerInstallationMayNotTakeAGatewayOfAnOlderOne() {
    MeshInstallation older = mesh("a", "2026-11-23T10:00:00Z", "istio-system", true);
    MeshInstallation newer = mesh("b", "2026-11-23T11:00:00Z", "mesh-b", false);
    GatewaySpec gateway = new GatewaySpec();
    gateway.setName("istio-ingressgateway");
    gateway.setNamespace("istio-system");
    newer.getSpec().getComponents().setGateways(List.of(gateway));
    assertThatThrownBy(() -> check(newer, older, newer))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("istio-system/istio-ingressgateway is already a gateway of");

    gateway.setName("second-ingress");
    gateway.setKind(GatewaySpec.Kind.INGRESS);
    assertThatCode(() -> check(newer, older, newer)).doesNotThrowAnyException();
  }

  @Test
  void anInstallationBeingDeletedOrInvalidClaimsNothing() {
    MeshInstallation deleting = mesh("a", "2026-11-23T10:00:00Z", "istio-system", true);
    deleting.getMetadata().setDeletionTimestamp("2026-11-23T12:00:00Z");
    MeshInstallation invalid = mesh("c", "2026-11-23T09:00:00Z", "istio-system", true);
    invalid.getSpec().setVersion("0.1.0");
    MeshInstallation newer = mesh("b", "2026-11-23T11:00:00Z", "istio-system", true);
    assertThatCode(() -> check(newer, deleting, invalid, newer)).doesNotThrowAnyException();
  }

  private void check(MeshInstallation mesh, MeshInstallation... all) {
    InstallationConflicts.check(mesh, resolver.resolve(mesh), List.of(all), resolver);
  }

  private static MeshInstallation mesh(
      String name, String created, String namespace, boolean base) {
    BaseSpec toggle = new BaseSpec();
    toggle.setEnabled(base);
    MeshInstallation mesh =
        Installations.unapplied(
            name,
            spec -> {
              spec.setNamespace(namespace);
              spec.setComponents(new ComponentsSpec());
              spec.getComponents().setBase(toggle);
            });
    mesh.getMetadata().setCreationTimestamp(created);
    return mesh;
  }
}
