package dev.meshoperator.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.ComponentsSpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.PilotSpec;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.testing.Tiers;
import dev.meshoperator.testing.istio.IstioMesh;
import dev.meshoperator.testing.istio.MeshWorkloads;
import io.fabric8.kubernetes.api.model.Container;
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
 * The agentgateway templates as far as Istio's istiod takes them without a proxy: with istiod's
 * PILOT_ENABLE_AGENTGATEWAY set through the installation, a Gateway of class istio-agentgateway and
 * one of class istio-agentgateway-waypoint are deployed by istiod from the operator's templates
 * (1.31 has both), read back from the API server.
 */
@Tag(Tiers.ISTIO)
class AgentgatewayIT {

  static final String NAMESPACE = "agents";
  static final Duration BOUND = Duration.ofSeconds(90);
  static final String MANAGED = "gateway.istio.io/managed";

  @RegisterExtension
  static final IstioMesh istio =
      IstioMesh.installing(AgentgatewayIT::installation)
          .after(client -> MeshWorkloads.namespace(client, NAMESPACE, Map.of()));

  static MeshInstallation installation() {
    MeshInstallation installation =
        MeshWorkloads.installation("agentgateway", "1.31.4", Profile.AMBIENT);
    PilotSpec pilot = new PilotSpec();
    pilot.setEnv(Map.of("PILOT_ENABLE_AGENTGATEWAY", "true"));
    ComponentsSpec components = new ComponentsSpec();
    components.setPilot(pilot);
    installation.getSpec().setComponents(components);
    return installation;
  }

  @AfterAll
  static void deleteTheUsersNamespace() {
    istio.client().namespaces().withName(NAMESPACE).delete();
    await("test namespace deleted")
        .atMost(BOUND)
        .until(() -> istio.client().namespaces().withName(NAMESPACE).get() == null);
  }

  @Test
  void istiodDeploysAnAgentgatewayFromTheOperatorsTemplate() {
    Deployment deployment = deployedFor(gateway("ingress", "istio-agentgateway", 80, "HTTP"));

    assertThat(deployment.getMetadata().getLabels())
        .containsEntry(MANAGED, "istio.io-agentgateway-controller");
    Container agentgateway = onlyContainer(deployment);
    assertThat(agentgateway.getArgs()).containsExactly("--config", "{}");
    assertThat(agentgateway.getEnv())
        .anySatisfy(e -> assertThat(e.getName()).isEqualTo("XDS_ADDRESS"))
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("CA_ADDRESS");
              assertThat(e.getValue())
                  .isEqualTo("istiod." + MeshWorkloads.CONTROL_PLANE + ".svc:15012");
            });
    assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getSysctls())
        .as("the listener sysctl of an ingress gateway")
        .isNotEmpty();
    // istiod writes the Service and the Deployment each on its own: the Service may come later.
    await()
        .atMost(BOUND)
        .untilAsserted(
            () ->
                assertThat(istio.client().services().inNamespace(NAMESPACE).list().getItems())
                    .anySatisfy(
                        s ->
                            assertThat(s.getMetadata().getName())
                                .isEqualTo(deployment.getMetadata().getName())));
    assertThat(istio.istiod().problems())
        .as("istiod's errors and warnings; see %s", istio.istiod().log())
        .isEmpty();
  }

  @Test
  void istiodDeploysAnAgentgatewayWaypointOutsideTheDataPlane() {
    Deployment deployment =
        deployedFor(gateway("agent-waypoint", "istio-agentgateway-waypoint", 15008, "HBONE"));

    assertThat(deployment.getMetadata().getLabels())
        .containsEntry(MANAGED, "istio.io-agentgateway-waypoint-controller");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("istio.io/dataplane-mode", "none");
    assertThat(onlyContainer(deployment).getResources().getLimits())
        .as("sized as a waypoint")
        .containsKeys("cpu", "memory");
    assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext())
        .satisfiesAnyOf(
            context -> assertThat(context).isNull(),
            context -> assertThat(context.getSysctls()).isNullOrEmpty());
    assertThat(istio.istiod().problems())
        .as("istiod's errors and warnings; see %s", istio.istiod().log())
        .isEmpty();
  }

  private static Gateway gateway(String name, String className, int port, String protocol) {
    Gateway gateway =
        new GatewayBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NAMESPACE)
            // No load balancer answers here; a ClusterIP Service gets an address at once.
            .addToAnnotations("networking.istio.io/service-type", "ClusterIP")
            .endMetadata()
            .withNewSpec()
            .withGatewayClassName(className)
            .addNewListener()
            .withName("main")
            .withPort(port)
            .withProtocol(protocol)
            .endListener()
            .endSpec()
            .build();
    return istio.client().resource(gateway).create();
  }

  private static Deployment deployedFor(Gateway gateway) {
    String name = gateway.getMetadata().getName();
    return await("istiod deploys " + name + "; see " + istio.istiod().log())
        .atMost(BOUND)
        .until(
            () ->
                istio
                    .client()
                    .apps()
                    .deployments()
                    .inNamespace(NAMESPACE)
                    .withLabel("gateway.networking.k8s.io/gateway-name", name)
                    .list()
                    .getItems(),
            deployments -> !deployments.isEmpty())
        .get(0);
  }

  private static Container onlyContainer(Deployment deployment) {
    List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers)
        .singleElement()
        .satisfies(c -> assertThat(c.getName()).isEqualTo("agentgateway"));
    return containers.get(0);
  }
}
