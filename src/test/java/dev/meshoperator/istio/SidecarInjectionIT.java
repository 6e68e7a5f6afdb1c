package dev.meshoperator.istio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.status.Conditions;
import dev.meshoperator.testing.Tiers;
import dev.meshoperator.testing.istio.IstioMesh;
import dev.meshoperator.testing.istio.MeshWorkloads;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sidecar injection decided by Istio itself: pods are created through the real API server, which
 * calls the injector webhook the operator rendered; istiod, running as the operator's Deployment
 * describes it, answers from the operator's injector ConfigMap. The pods read back are what a
 * cluster would run.
 */
@Tag(Tiers.ISTIO)
class SidecarInjectionIT {

  @RegisterExtension
  static final IstioMesh istio = IstioMesh.installing(SidecarInjectionIT::installation);

  static MeshInstallation installation() {
    return MeshWorkloads.installation("sidecars", "1.31.4", Profile.DEFAULT);
  }

  @Test
  void injectsTheSidecarIntoPodsOfANamespaceLabelledForInjection() {
    String ns = namespace(Map.of("istio-injection", "enabled"));
    Pod pod = create(ns, "app", Map.of(), Map.of());

    assertThat(pod.getMetadata().getAnnotations()).containsKey("sidecar.istio.io/status");
    assertThat(proxy(pod)).as("istio-proxy").isNotNull();
    assertThat(proxy(pod).getArgs()).contains("proxy", "sidecar");
    assertThat(names(pod.getSpec().getInitContainers())).contains("istio-init");
    assertThat(proxy(pod).getResources().getRequests()).containsKeys("cpu", "memory");
  }

  @Test
  void leavesPodsOfUnlabelledNamespacesAlone() {
    String ns = namespace(Map.of());
    Pod pod = create(ns, "app", Map.of(), Map.of());

    assertThat(names(pod.getSpec().getContainers())).containsExactly("app");
    assertThat(pod.getSpec().getInitContainers()).isEmpty();
  }

  @Test
  void injectsPodsOfANamespaceThatNamesTheRevision() {
    String ns = namespace(Map.of("istio.io/rev", "default"));
    Pod pod = create(ns, "app", Map.of(), Map.of());

    assertThat(proxy(pod)).isNotNull();
    assertThat(pod.getMetadata().getAnnotations()).containsEntry("istio.io/rev", "default");
  }

  @Test
  void injectsTheGatewayTemplateWhenAPodAsksForIt() {
    String ns = namespace(Map.of());
    Pod pod =
        create(
            ns,
            "istio-proxy",
            Map.of("sidecar.istio.io/inject", "true"),
            Map.of("inject.istio.io/templates", "gateway"));

    assertThat(proxy(pod).getArgs()).contains("proxy", "router");
    assertThat(pod.getSpec().getInitContainers()).isEmpty();
  }

  @Test
  void injectsTheProxylessGrpcTemplatesWhenAPodAsksForThem() {
    String ns = namespace(Map.of());
    Map<String, String> inject = Map.of("sidecar.istio.io/inject", "true");
    Pod agent = create(ns, "app", inject, Map.of("inject.istio.io/templates", "grpc-agent"));
    Pod simple = create(ns, "app", inject, Map.of("inject.istio.io/templates", "grpc-simple"));

    assertThat(proxy(agent).getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("DISABLE_ENVOY");
              assertThat(e.getValue()).isEqualTo("true");
            });
    assertThat(find(agent.getSpec().getContainers(), "app").getEnv())
        .anySatisfy(e -> assertThat(e.getName()).isEqualTo("GRPC_XDS_BOOTSTRAP"));
    assertThat(names(simple.getSpec().getInitContainers())).containsExactly("grpc-bootstrap-init");
    assertThat(names(simple.getSpec().getContainers())).containsExactly("app");
    assertThat(find(simple.getSpec().getContainers(), "app").getEnv())
        .anySatisfy(e -> assertThat(e.getName()).isEqualTo("GRPC_XDS_BOOTSTRAP"));
  }

  @Test
  void runsTheProxyAsANativeSidecarUnlessThePodOptsOut() {
    String ns = namespace(Map.of("istio-injection", "enabled"));
    Pod nativePod = create(ns, "app", Map.of(), Map.of("sidecar.istio.io/nativeSidecar", "true"));
    Pod classicPod = create(ns, "app", Map.of(), Map.of("sidecar.istio.io/nativeSidecar", "false"));

    Container nativeProxy = find(nativePod.getSpec().getInitContainers(), "istio-proxy");
    assertThat(nativeProxy).isNotNull();
    assertThat(nativeProxy.getRestartPolicy()).isEqualTo("Always");
    assertThat(find(classicPod.getSpec().getContainers(), "istio-proxy")).isNotNull();
  }

  @Test
  void honoursPerPodProxyResources() {
    String ns = namespace(Map.of("istio-injection", "enabled"));
    Pod pod =
        create(
            ns,
            "app",
            Map.of(),
            Map.of(
                "sidecar.istio.io/proxyCPU", "50m", "sidecar.istio.io/proxyMemoryLimit", "256Mi"));

    assertThat(proxy(pod).getResources().getRequests().get("cpu").toString()).isEqualTo("50m");
    assertThat(proxy(pod).getResources().getLimits().get("memory").toString()).isEqualTo("256Mi");
  }

  @Test
  void aPodsProxyImageAnnotationNamesTheImageOfEveryProxyContainer() {
    String ns = namespace(Map.of("istio-injection", "enabled"));
    String image = "registry.example.com/custom/proxyv2:debug";
    Pod sidecar = create(ns, "app", Map.of(), Map.of("sidecar.istio.io/proxyImage", image));
    Pod gateway =
        create(
            ns,
            "istio-proxy",
            Map.of("sidecar.istio.io/inject", "true"),
            Map.of("inject.istio.io/templates", "gateway", "sidecar.istio.io/proxyImage", image));

    assertThat(proxy(sidecar).getImage()).isEqualTo(image);
    assertThat(find(sidecar.getSpec().getInitContainers(), "istio-init").getImage())
        .isEqualTo(image);
    assertThat(proxy(gateway).getImage()).isEqualTo(image);
  }

  @Test
  void istiodLoadsTheMeshAndInjectorConfigWithoutComplaint() {
    assertThat(istio.mesh().get().getStatus().getConditions())
        .anySatisfy(c -> assertThat(c.getType()).isEqualTo(Conditions.READY));
    assertThat(istio.istiod().problems())
        .as("istiod's errors and warnings; see %s", istio.istiod().log())
        .isEmpty();
  }

  private static Container proxy(Pod pod) {
    return MeshWorkloads.container(pod, "istio-proxy").orElse(null);
  }

  private static Container find(List<Container> containers, String name) {
    return containers == null
        ? null
        : containers.stream().filter(c -> name.equals(c.getName())).findFirst().orElse(null);
  }

  private static List<String> names(List<Container> containers) {
    return containers.stream().map(Container::getName).toList();
  }

  private static String namespace(Map<String, String> labels) {
    return MeshWorkloads.namespace(
        istio.client(), "inject-" + UUID.randomUUID().toString().substring(0, 8), labels);
  }

  private static Pod create(
      String namespace,
      String container,
      Map<String, String> labels,
      Map<String, String> annotations) {
    return MeshWorkloads.pod(istio.client(), namespace, container, labels, annotations);
  }
}
