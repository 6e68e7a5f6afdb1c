package dev.meshoperator.istio;

import static dev.meshoperator.testing.istio.MeshWorkloads.CONTROL_PLANE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.ambient.AmbientLabels;
import dev.meshoperator.api.v1alpha1.AmbientSpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.api.v1alpha1.WaypointSpec;
import dev.meshoperator.status.Conditions;
import dev.meshoperator.testing.MeshEdits;
import dev.meshoperator.testing.istio.InstalledMesh;
import dev.meshoperator.testing.istio.IstioCluster;
import dev.meshoperator.testing.istio.IstioLogsOnFailure;
import dev.meshoperator.testing.istio.IstiodProcess;
import dev.meshoperator.testing.istio.MeshWorkloads;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Waypoints and Gateway API gateways deployed by istiod itself from the operator's injection
 * templates: istiod's gateway deployment controller renders the Deployment and Service, kwok makes
 * the pod Ready, istiod reports the Gateway Programmed, and only then does the operator point the
 * namespace at its waypoint. No test writes what istiod writes.
 */
@ExtendWith(IstioLogsOnFailure.class)
class AmbientMeshIT {

  static final String APP = "shop";
  static final Duration BOUND = Duration.ofSeconds(90);

  static InstalledMesh mesh;
  static IstiodProcess istiod;
  static KubernetesClient client;

  @BeforeAll
  static void installAmbientMeshWithAWaypointAndStartIstiod() {
    IstioCluster istio = IstioCluster.get();
    client = istio.newClient();
    for (String ns : List.of(APP, "edge")) {
      MeshWorkloads.namespace(client, ns, Map.of());
    }
    MeshInstallation installation =
        MeshWorkloads.installation("ambient", "1.30.4", Profile.AMBIENT);
    AmbientSpec ambient = new AmbientSpec();
    ambient.setNamespaces(List.of(APP));
    WaypointSpec waypoint = new WaypointSpec();
    waypoint.setNamespace(APP);
    waypoint.setTrafficType(WaypointSpec.TrafficType.SERVICE);
    ambient.setWaypoints(List.of(waypoint));
    installation.getSpec().setAmbient(ambient);
    mesh = InstalledMesh.install(istio, installation);
    istiod = mesh.startIstiod(CONTROL_PLANE, "istiod");
  }

  @AfterAll
  static void uninstall() {
    if (mesh != null) {
      mesh.close();
    }
    // The user's side of the test goes too, so later classes analyse a clean cluster.
    if (client != null) {
      for (String ns : List.of(APP, "edge", "legacy")) {
        client.namespaces().withName(ns).delete();
      }
      await("test namespaces deleted")
          .atMost(BOUND)
          .until(
              () ->
                  List.of(APP, "edge", "legacy").stream()
                      .allMatch(ns -> client.namespaces().withName(ns).get() == null));
    }
    if (client != null) {
      client.close();
    }
  }

  @Test
  void istiodDeploysTheWaypointAndTheOperatorUsesItOnceProgrammed() {
    Deployment proxy =
        await("istiod deploys the waypoint; see " + istiod.log())
            .atMost(BOUND)
            .until(
                () -> client.apps().deployments().inNamespace(APP).withName("waypoint").get(),
                d -> d != null);
    assertThat(proxy.getMetadata().getManagedFields())
        .extracting(f -> f.getManager())
        .doesNotContain("mesh-operator");
    assertThat(proxy.getSpec().getTemplate().getSpec().getContainers())
        .singleElement()
        .satisfies(c -> assertThat(c.getArgs()).contains("proxy", "waypoint"));
    assertThat(client.services().inNamespace(APP).withName("waypoint").get().getSpec().getPorts())
        .extracting(p -> p.getPort())
        .contains(15008);

    await("istiod reports the waypoint Programmed")
        .atMost(BOUND)
        .untilAsserted(() -> assertThat(programmed(APP, "waypoint")).isEqualTo("True"));
    await("the operator points the namespace at its waypoint")
        .atMost(BOUND)
        .untilAsserted(
            () ->
                assertThat(client.namespaces().withName(APP).get().getMetadata().getLabels())
                    .containsEntry(AmbientLabels.USE_WAYPOINT, "waypoint")
                    .containsEntry(AmbientLabels.DATAPLANE_MODE, "ambient"));
    mesh.awaitCondition(Conditions.WAYPOINTS_READY);

    MeshEdits.edit(client, mesh.name(), m -> m.getSpec().getAmbient().setWaypoints(null));
    await("istiod's proxy goes with the waypoint, and the namespace's label with it")
        .atMost(BOUND)
        .untilAsserted(
            () -> {
              assertThat(
                      client.resources(Gateway.class).inNamespace(APP).withName("waypoint").get())
                  .isNull();
              assertThat(client.namespaces().withName(APP).get().getMetadata().getLabels())
                  .doesNotContainKey(AmbientLabels.USE_WAYPOINT)
                  .containsEntry(AmbientLabels.DATAPLANE_MODE, "ambient");
            });
  }

  @Test
  void sidecarsInjectedBesideIstioCniValidateInsteadOfProgrammingIptables() {
    Pod pod =
        MeshWorkloads.pod(
            client,
            MeshWorkloads.namespace(client, "legacy", Map.of("istio-injection", "enabled")));

    List<Container> init = pod.getSpec().getInitContainers();
    assertThat(init).extracting(Container::getName).contains("istio-validation");
    assertThat(init).extracting(Container::getName).doesNotContain("istio-init");
    Container validation =
        init.stream().filter(c -> "istio-validation".equals(c.getName())).findFirst().orElseThrow();
    assertThat(validation.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(validation.getSecurityContext().getRunAsNonRoot()).isTrue();
  }

  @Test
  void istiodDeploysAGatewayOfClassIstioFromTheOperatorsTemplate() {
    Gateway gateway =
        new GatewayBuilder()
            .withNewMetadata()
            .withName("web")
            .withNamespace("edge")
            // No load balancer answers here; a ClusterIP Service gets an address at once.
            .addToAnnotations("networking.istio.io/service-type", "ClusterIP")
            .endMetadata()
            .withNewSpec()
            .withGatewayClassName("istio")
            .addNewListener()
            .withName("http")
            .withPort(80)
            .withProtocol("HTTP")
            .endListener()
            .endSpec()
            .build();
    client.resource(gateway).create();

    Deployment proxy =
        await("istiod deploys the gateway; see " + istiod.log())
            .atMost(BOUND)
            .until(
                () -> client.apps().deployments().inNamespace("edge").withName("web-istio").get(),
                d -> d != null);
    assertThat(proxy.getSpec().getTemplate().getSpec().getContainers())
        .singleElement()
        .satisfies(c -> assertThat(c.getArgs()).contains("proxy", "router"));
    await("istiod reports the gateway Programmed")
        .atMost(BOUND)
        .untilAsserted(() -> assertThat(programmed("edge", "web")).isEqualTo("True"));
    assertThat(istiod.problems())
        .as("istiod's errors and warnings; see %s", istiod.log())
        .isEmpty();
  }

  private static String programmed(String namespace, String name) {
    Gateway gateway = client.resources(Gateway.class).inNamespace(namespace).withName(name).get();
    if (gateway == null
        || gateway.getStatus() == null
        || gateway.getStatus().getConditions() == null) {
      return "Unknown";
    }
    return gateway.getStatus().getConditions().stream()
        .filter(c -> "Programmed".equals(c.getType()))
        .map(Condition::getStatus)
        .findFirst()
        .orElse("Unknown");
  }
}
