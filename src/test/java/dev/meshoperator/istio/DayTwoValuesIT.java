package dev.meshoperator.istio;

import static dev.meshoperator.testing.istio.MeshWorkloads.CONTROL_PLANE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.testing.Tiers;
import dev.meshoperator.testing.istio.IstioMesh;
import dev.meshoperator.testing.istio.MeshWorkloads;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The day-2 example of docs/examples (its values and its istiod and gateway settings, on the
 * default profile in istio-system) honoured end to end: read back from the API server, and in the
 * sidecars Istio's own istiod injects from the operator's injector values and mesh config.
 */
@Tag(Tiers.ISTIO)
class DayTwoValuesIT {

  @RegisterExtension
  static final IstioMesh istio = IstioMesh.installing(DayTwoValuesIT::installation);

  static MeshInstallation installation() {
    MeshInstallation example;
    try (InputStream in = Files.newInputStream(Path.of("docs/examples/day2-values.yaml"))) {
      example = Serialization.unmarshal(in, MeshInstallation.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MeshInstallation installation = MeshWorkloads.installation("day2", "1.30.4", Profile.DEFAULT);
    installation.getSpec().setValues(example.getSpec().getValues());
    installation.getSpec().setComponents(example.getSpec().getComponents());
    return installation;
  }

  @Test
  void injectedSidecarsTakeTheProxyValuesAndTheClustersIdentity() {
    String ns =
        MeshWorkloads.namespace(istio.client(), "day2-app", Map.of("istio-injection", "enabled"));
    Pod pod =
        MeshWorkloads.pod(
            istio.client(), ns, "app", Map.of(), Map.of("sidecar.istio.io/nativeSidecar", "false"));

    Container proxy = pod.getSpec().getContainers().get(0);
    assertThat(proxy.getName())
        .as("holdApplicationUntilProxyStarts puts the proxy first")
        .isEqualTo("istio-proxy");
    assertThat(proxy.getLifecycle().getPostStart()).as("and waits for it to be ready").isNotNull();
    assertThat(proxy.getArgs()).contains("--proxyLogLevel=info");
    assertThat(proxy.getResources().getRequests().get("cpu").toString()).isEqualTo("50m");
    assertThat(proxy.getResources().getRequests().get("memory").toString()).isEqualTo("64Mi");
    assertThat(proxy.getResources().getLimits().get("memory").toString()).isEqualTo("512Mi");
    assertThat(env(proxy))
        .containsEntry("ISTIO_META_MESH_ID", "mesh1")
        .containsEntry("ISTIO_META_NETWORK", "network-east")
        .containsEntry("ISTIO_META_CLUSTER_ID", "east-1");
    assertThat(env(proxy).get("PROXY_CONFIG"))
        .contains("\"concurrency\":2")
        .contains("\"meshId\":\"mesh1\"");
  }

  @Test
  void istiodRunsWhereAndAsItsSettingsSay() {
    Deployment istiod = deployment("istiod");
    PodSpec pod = istiod.getSpec().getTemplate().getSpec();
    assertThat(pod.getPriorityClassName()).isEqualTo("system-cluster-critical");
    assertThat(
            pod.getAffinity()
                .getPodAntiAffinity()
                .getPreferredDuringSchedulingIgnoredDuringExecution())
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.getPodAffinityTerm().getTopologyKey())
                    .isEqualTo("kubernetes.io/hostname"));
    assertThat(pod.getTopologySpreadConstraints())
        .singleElement()
        .satisfies(t -> assertThat(t.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone"));
    assertThat(istiod.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("team", "platform")
        .containsEntry("app", "istiod");
    assertThat(istiod.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("example.com/owner", "platform-team");
    assertThat(env(pod.getContainers().get(0))).containsEntry("CLUSTER_ID", "east-1");

    PodDisruptionBudget budget = budget("istiod");
    assertThat(budget.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
    assertThat(budget.getSpec().getMinAvailable()).isNull();
    assertThat(istio.client().namespaces().withName(CONTROL_PLANE).get().getMetadata().getLabels())
        .containsEntry("topology.istio.io/network", "network-east");
  }

  @Test
  void theGatewayServiceIsExposedAsAsked() {
    Service service =
        istio.client().services().inNamespace(CONTROL_PLANE).withName("istio-ingressgateway").get();
    assertThat(service.getSpec().getType()).isEqualTo("LoadBalancer");
    assertThat(service.getSpec().getLoadBalancerClass()).isEqualTo("example.com/internal");
    assertThat(service.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
    assertThat(service.getSpec().getPorts())
        .extracting(ServicePort::getName, ServicePort::getPort, p -> p.getTargetPort().getIntVal())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("status-port", 15021, 15021),
            org.assertj.core.groups.Tuple.tuple("http2", 80, 8080),
            org.assertj.core.groups.Tuple.tuple("https", 443, 8443),
            org.assertj.core.groups.Tuple.tuple("tls-passthrough", 8443, 9443));
    assertThat(
            env(
                deployment("istio-ingressgateway")
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)))
        .containsEntry("ISTIO_META_NETWORK", "network-east")
        .containsEntry("ISTIO_META_CLUSTER_ID", "east-1");
    assertThat(budget("istio-ingressgateway").getSpec().getMinAvailable())
        .isEqualTo(new IntOrString("50%"));
  }

  @Test
  void networkPoliciesAdmitWhatEachComponentServes() {
    Map<String, NetworkPolicy> policies = new java.util.TreeMap<>();
    istio
        .client()
        .network()
        .v1()
        .networkPolicies()
        .inNamespace(CONTROL_PLANE)
        .list()
        .getItems()
        .forEach(p -> policies.put(p.getMetadata().getName(), p));

    assertThat(policies).containsOnlyKeys("istiod", "istio-ingressgateway");
    assertThat(ports(policies.get("istiod"))).contains(15010, 15012, 15014, 15017);
    assertThat(policies.get("istiod").getSpec().getPodSelector().getMatchLabels())
        .isEqualTo(deployment("istiod").getSpec().getSelector().getMatchLabels());
    assertThat(ports(policies.get("istio-ingressgateway"))).contains(15021, 8080, 8443, 9443);
  }

  @Test
  void istiodLoadsTheMeshAndInjectorConfigWithoutComplaint() {
    assertThat(istio.istiod().problems())
        .as("istiod's errors and warnings; see %s", istio.istiod().log())
        .isEmpty();
  }

  private static PodDisruptionBudget budget(String name) {
    return istio
        .client()
        .policy()
        .v1()
        .podDisruptionBudget()
        .inNamespace(CONTROL_PLANE)
        .withName(name)
        .get();
  }

  private static Deployment deployment(String name) {
    return istio.client().apps().deployments().inNamespace(CONTROL_PLANE).withName(name).get();
  }

  private static List<Integer> ports(NetworkPolicy policy) {
    return policy.getSpec().getIngress().stream()
        .flatMap(rule -> rule.getPorts().stream())
        .map(NetworkPolicyPort::getPort)
        .map(IntOrString::getIntVal)
        .toList();
  }

  private static Map<String, String> env(Container container) {
    Map<String, String> env = new java.util.HashMap<>();
    for (EnvVar var : container.getEnv()) {
      if (var.getValue() != null) {
        env.put(var.getName(), var.getValue());
      }
    }
    return env;
  }
}
