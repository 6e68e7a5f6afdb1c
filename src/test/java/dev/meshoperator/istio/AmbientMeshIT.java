package dev.meshoperator.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.ambient.AmbientLabels;
import dev.meshoperator.api.v1alpha1.AmbientSpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.api.v1alpha1.WaypointSpec;
import dev.meshoperator.status.Conditions;
import dev.meshoperator.testing.MeshEdits;
import dev.meshoperator.testing.Tiers;
import dev.meshoperator.testing.istio.IstioMesh;
import dev.meshoperator.testing.istio.MeshWorkloads;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Waypoints and Gateway API gateways deployed by istiod itself from the operator's injection
 * templates: istiod's gateway deployment controller renders the Deployment and Service, kwok makes
 * the pod Ready, istiod reports the Gateway Programmed, and only then does the operator point the
 * namespace at its waypoint. No test writes what istiod writes. The installation names a mirror and
 * a pull secret, so what istiod deploys proves it takes both from the operator's values.
 */
@Tag(Tiers.ISTIO)
class AmbientMeshIT {

  static final String APP = "shop";
  static final Duration BOUND = Duration.ofSeconds(90);
  static final String MIRROR = "mirror.example.com/istio";
  static final String PULL_SECRET = "mirror-pull";

  @RegisterExtension
  static final IstioMesh istio =
      IstioMesh.installing(AmbientMeshIT::installation)
          .after(
              client ->
                  List.of(APP, "edge")
                      .forEach(ns -> MeshWorkloads.namespace(client, ns, Map.of())));

  static MeshInstallation installation() {
    MeshInstallation installation =
        MeshWorkloads.installation("ambient", "1.31.4", Profile.AMBIENT);
    AmbientSpec ambient = new AmbientSpec();
    ambient.setNamespaces(List.of(APP));
    WaypointSpec waypoint = new WaypointSpec();
    waypoint.setNamespace(APP);
    waypoint.setTrafficType(WaypointSpec.TrafficType.SERVICE);
    waypoint.setPodLabels(Map.of("team", "shop"));
    waypoint.setPodAnnotations(Map.of("example.com/owner", "shop-team"));
    ambient.setWaypoints(List.of(waypoint));
    installation.getSpec().setAmbient(ambient);
    installation.getSpec().setHub(MIRROR);
    installation.getSpec().setImagePullSecrets(List.of(PULL_SECRET));
    return installation;
  }

  /** The user's side of the test goes too, so later classes analyse a clean cluster. */
  @AfterAll
  static void deleteTheUsersNamespaces() {
    for (String ns : List.of(APP, "edge", "legacy")) {
      istio.client().namespaces().withName(ns).delete();
    }
    await("test namespaces deleted")
        .atMost(BOUND)
        .until(
            () ->
                List.of(APP, "edge", "legacy").stream()
                    .allMatch(ns -> istio.client().namespaces().withName(ns).get() == null));
  }

  @Test
  void istiodDeploysTheWaypointAndTheOperatorUsesItOnceProgrammed() {
    Deployment proxy =
        await("istiod deploys the waypoint; see " + istio.istiod().log())
            .atMost(BOUND)
            .until(
                () ->
                    istio.client().apps().deployments().inNamespace(APP).withName("waypoint").get(),
                d -> d != null);
    assertThat(proxy.getMetadata().getManagedFields())
        .extracting(f -> f.getManager())
        .doesNotContain("mesh-operator");
    assertThat(proxy.getSpec().getTemplate().getSpec().getContainers())
        .singleElement()
        .satisfies(c -> assertThat(c.getArgs()).contains("proxy", "waypoint"));
    pullsFromTheMirror(proxy);
    assertThat(proxy.getSpec().getTemplate().getMetadata().getLabels())
        .as("the waypoint's own labels, put on its pods by istiod")
        .containsEntry("team", "shop");
    assertThat(proxy.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("example.com/owner", "shop-team");
    assertThat(
            istio
                .client()
                .services()
                .inNamespace(APP)
                .withName("waypoint")
                .get()
                .getSpec()
                .getPorts())
        .extracting(p -> p.getPort())
        .contains(15008);

    await("istiod reports the waypoint Programmed")
        .atMost(BOUND)
        .untilAsserted(() -> assertThat(programmed(APP, "waypoint")).isEqualTo("True"));
    await("the operator points the namespace at its waypoint")
        .atMost(BOUND)
        .untilAsserted(
            () ->
                assertThat(
                        istio.client().namespaces().withName(APP).get().getMetadata().getLabels())
                    .containsEntry(AmbientLabels.USE_WAYPOINT, "waypoint")
                    .containsEntry(AmbientLabels.DATAPLANE_MODE, "ambient"));
    istio.mesh().awaitCondition(Conditions.WAYPOINTS_READY);

    MeshEdits.edit(
        istio.client(), istio.mesh().name(), m -> m.getSpec().getAmbient().setWaypoints(null));
    await("istiod's proxy goes with the waypoint, and the namespace's label with it")
        .atMost(BOUND)
        .untilAsserted(
            () -> {
              assertThat(
                      istio
                          .client()
                          .resources(Gateway.class)
                          .inNamespace(APP)
                          .withName("waypoint")
                          .get())
                  .isNull();
              assertThat(istio.client().namespaces().withName(APP).get().getMetadata().getLabels())
                  .doesNotContainKey(AmbientLabels.USE_WAYPOINT)
                  .containsEntry(AmbientLabels.DATAPLANE_MODE, "ambient");
            });
  }

  @Test
  void sidecarsInjectedBesideIstioCniValidateInsteadOfProgrammingIptables() {
    Pod pod =
        MeshWorkloads.pod(
            istio.client(),
            MeshWorkloads.namespace(
                istio.client(), "legacy", Map.of("istio-injection", "enabled")));

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
    istio.client().resource(gateway).create();

    Deployment proxy =
        await("istiod deploys the gateway; see " + istio.istiod().log())
            .atMost(BOUND)
            .until(
                () ->
                    istio
                        .client()
                        .apps()
                        .deployments()
                        .inNamespace("edge")
                        .withName("web-istio")
                        .get(),
                d -> d != null);
    assertThat(proxy.getSpec().getTemplate().getSpec().getContainers())
        .singleElement()
        .satisfies(c -> assertThat(c.getArgs()).contains("proxy", "router"));
    pullsFromTheMirror(proxy);
    await("istiod reports the gateway Programmed")
        .atMost(BOUND)
        .untilAsserted(() -> assertThat(programmed("edge", "web")).isEqualTo("True"));
    assertThat(istio.istiod().problems())
        .as("istiod's errors and warnings; see %s", istio.istiod().log())
        .isEmpty();
  }

  @Test
  void theNodeAgentsPullFromTheMirror() {
    for (String name : List.of("ztunnel", "istio-cni-node")) {
      PodSpec pod =
          istio
              .client()
              .apps()
              .daemonSets()
              .inNamespace(MeshWorkloads.CONTROL_PLANE)
              .withName(name)
              .get()
              .getSpec()
              .getTemplate()
              .getSpec();
      assertThat(pod.getContainers())
          .as(name)
          .allSatisfy(c -> assertThat(c.getImage()).startsWith(MIRROR + "/"));
      assertThat(pod.getImagePullSecrets())
          .as(name)
          .extracting(LocalObjectReference::getName)
          .containsExactly(PULL_SECRET);
    }
  }

  /** The image and the pull secret come from the operator's values, rendered by istiod. */
  private static void pullsFromTheMirror(Deployment proxy) {
    PodSpec pod = proxy.getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers())
        .extracting(Container::getImage)
        .singleElement()
        .asString()
        .startsWith(MIRROR + "/proxyv2:");
    assertThat(pod.getImagePullSecrets())
        .extracting(LocalObjectReference::getName)
        .containsExactly(PULL_SECRET);
  }

  private static String programmed(String namespace, String name) {
    Gateway gateway =
        istio.client().resources(Gateway.class).inNamespace(namespace).withName(name).get();
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
