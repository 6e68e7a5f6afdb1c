package dev.meshoperator.istio;

import static dev.meshoperator.testing.istio.MeshWorkloads.CONTROL_PLANE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.testing.Tiers;
import dev.meshoperator.testing.istio.IstioMesh;
import dev.meshoperator.testing.istio.MeshWorkloads;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster-settings example of docs/examples honoured by Istio itself: istiod runs with the
 * cluster domain and logging the operator rendered, and decides injection from the operator's
 * injector policy and selectors, giving sidecars the capture ranges and ports asked for.
 */
@Tag(Tiers.ISTIO)
class ClusterSettingsIT {

  @RegisterExtension
  static final IstioMesh istio = IstioMesh.installing(ClusterSettingsIT::installation);

  private static final List<String> NAMESPACES = new CopyOnWriteArrayList<>();

  static MeshInstallation installation() {
    MeshInstallation example;
    try (InputStream in = Files.newInputStream(Path.of("docs/examples/cluster-settings.yaml"))) {
      example = Serialization.unmarshal(in, MeshInstallation.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MeshInstallation installation =
        MeshWorkloads.installation("cluster-settings", "1.31.4", Profile.DEFAULT);
    installation.getSpec().setValues(example.getSpec().getValues());
    installation.getSpec().setComponents(example.getSpec().getComponents());
    return installation;
  }

  @Test
  void withInjectionOffByDefaultOnlyPodsTheSelectorsChooseGetASidecar() {
    String ns = namespace();

    Pod plain = MeshWorkloads.pod(istio.client(), ns, "app", Map.of(), Map.of());
    Pod chosen = MeshWorkloads.pod(istio.client(), ns, "app", Map.of("mesh", "on"), Map.of());
    Pod excluded =
        MeshWorkloads.pod(
            istio.client(), ns, "app", Map.of("mesh", "on", "job-type", "batch"), Map.of());
    Pod optedIn =
        MeshWorkloads.pod(
            istio.client(), ns, "app", Map.of(), Map.of("sidecar.istio.io/inject", "true"));

    assertThat(proxy(plain)).as("autoInject: disabled leaves a pod that does not opt in").isNull();
    assertThat(proxy(chosen)).as("alwaysInjectSelector mesh=on").isNotNull();
    assertThat(proxy(excluded)).as("neverInjectSelector wins over alwaysInjectSelector").isNull();
    assertThat(proxy(optedIn)).as("a pod's own annotation still wins").isNotNull();
  }

  @Test
  void theDefaultTemplatesIncludeTheCompanysOwnUnlessAPodNamesItsTemplates() {
    String ns = namespace();
    Pod byDefault = MeshWorkloads.pod(istio.client(), ns, "app", Map.of("mesh", "on"), Map.of());
    Pod sidecarOnly =
        MeshWorkloads.pod(
            istio.client(),
            ns,
            "app",
            Map.of("mesh", "on"),
            Map.of("inject.istio.io/templates", "sidecar"));

    assertThat(env(proxy(byDefault)))
        .containsEntry("CORP_EGRESS_PROXY", "http://egress.corp.internal:3128");
    assertThat(proxy(sidecarOnly)).isNotNull();
    assertThat(env(proxy(sidecarOnly))).doesNotContainKey("CORP_EGRESS_PROXY");
  }

  @Test
  void sidecarsCaptureTheRangesAndPortsAskedForInTheClustersDomain() {
    Pod pod =
        MeshWorkloads.pod(
            istio.client(),
            namespace(),
            "app",
            Map.of("mesh", "on"),
            Map.of("sidecar.istio.io/nativeSidecar", "false"));

    List<String> init = MeshWorkloads.container(pod, "istio-init").orElseThrow().getArgs();
    assertThat(valueAfter(init, "-i")).isEqualTo("10.0.0.0/8,172.16.0.0/12,fd00::/8");
    assertThat(valueAfter(init, "-x")).isEqualTo("169.254.169.254/32");
    assertThat(valueAfter(init, "-d").split(",")).contains("8081", "15090", "15021", "15020");
    assertThat(valueAfter(init, "-o")).isEqualTo("5432,6379");
    List<String> proxy = proxy(pod).getArgs();
    assertThat(valueAfter(proxy, "--domain")).isEqualTo("$(POD_NAMESPACE).svc.corp.internal");
    assertThat(proxy).contains("--log_output_level=default:info,ads:debug", "--log_as_json");
  }

  @Test
  void istiodRunsInTheClustersDomainWithItsExtraVolumeAndLogsJson() {
    PodSpec pod = MeshWorkloads.istiodPod(istio.client());
    assertThat(valueAfter(pod.getContainers().get(0).getArgs(), "--domain"))
        .isEqualTo("corp.internal");
    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getName().equals("external-ca"))
        .singleElement()
        .satisfies(v -> assertThat(v.getCsi().getDriver()).isEqualTo("secrets-store.csi.k8s.io"));
    assertThat(pod.getContainers().get(0).getVolumeMounts())
        .filteredOn(m -> m.getName().equals("external-ca"))
        .singleElement()
        .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/etc/external-ca"));

    List<String> lines =
        istio.istiod().logText().lines().filter(line -> line.startsWith("{")).toList();
    assertThat(lines)
        .as("istiod's JSON log lines; see %s", istio.istiod().log())
        .hasSizeGreaterThan(10);
    assertThat(istio.istiod().problems())
        .as("istiod's errors and warnings; see %s", istio.istiod().log())
        .isEmpty();
  }

  @Test
  void cloudIdentitiesAreBoundToTheServiceAccounts() {
    assertThat(annotations("istiod"))
        .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::111122223333:role/istiod");
    assertThat(annotations("istio-ingressgateway-service-account"))
        .containsEntry(
            "iam.gke.io/gcp-service-account", "ingress@example-project.iam.gserviceaccount.com");
  }

  private static Map<String, String> annotations(String account) {
    return istio
        .client()
        .serviceAccounts()
        .inNamespace(CONTROL_PLANE)
        .withName(account)
        .get()
        .getMetadata()
        .getAnnotations();
  }

  private static Map<String, String> env(Container container) {
    Map<String, String> env = new HashMap<>();
    container.getEnv().stream()
        .filter(var -> var.getValue() != null)
        .forEach(var -> env.put(var.getName(), var.getValue()));
    return env;
  }

  private static String valueAfter(List<String> args, String flag) {
    int at = args.indexOf(flag);
    assertThat(at).as("%s in %s", flag, args).isNotNegative();
    return args.get(at + 1);
  }

  private static Container proxy(Pod pod) {
    return MeshWorkloads.container(pod, "istio-proxy").orElse(null);
  }

  /**
   * The pods left uninjected on purpose would read, to the next class's istioctl analyze on this
   * shared cluster, as pods missing their proxy: they go with their namespaces.
   */
  @AfterAll
  static void deleteTheTestNamespaces() {
    for (String ns : NAMESPACES) {
      istio.client().pods().inNamespace(ns).withGracePeriod(0).delete();
      istio.client().namespaces().withName(ns).delete();
    }
    await("test namespaces deleted")
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                NAMESPACES.stream()
                    .allMatch(ns -> istio.client().namespaces().withName(ns).get() == null));
  }

  private static String namespace() {
    String ns =
        MeshWorkloads.namespace(
            istio.client(),
            "settings-" + UUID.randomUUID().toString().substring(0, 8),
            Map.of("istio-injection", "enabled"));
    NAMESPACES.add(ns);
    return ns;
  }
}
