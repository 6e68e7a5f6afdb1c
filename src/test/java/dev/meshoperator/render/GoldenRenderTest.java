package dev.meshoperator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshoperator.api.v1alpha1.CniAmbientSpec;
import dev.meshoperator.api.v1alpha1.CniSpec;
import dev.meshoperator.api.v1alpha1.ComponentsSpec;
import dev.meshoperator.api.v1alpha1.GatewaySpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.MeshInstallationSpec;
import dev.meshoperator.api.v1alpha1.Platform;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.testing.GeneratedFiles;
import dev.meshoperator.testing.Installations;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the operator renders for each supported release line and profile, reviewed as committed
 * YAML: a change to any rendered object shows up in the diff of these files.
 */
class GoldenRenderTest {

  private static final IstioCatalog CATALOG = IstioCatalog.load();

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("1.28.10", Profile.DEFAULT),
        Arguments.of("1.29.6", Profile.DEFAULT),
        Arguments.of("1.31.4", Profile.DEFAULT),
        Arguments.of("1.31.4", Profile.AMBIENT),
        Arguments.of("1.30.4", Profile.DEFAULT),
        Arguments.of("1.30.4", Profile.MINIMAL),
        Arguments.of("1.30.4", Profile.DEMO),
        Arguments.of("1.30.4", Profile.EMPTY),
        Arguments.of("1.30.4", Profile.AMBIENT),
        Arguments.of("1.28.10", Profile.AMBIENT));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void rendersWhatTheGoldenFileSays(String version, Profile profile) throws Exception {
    MeshInstallationSpec spec = new MeshInstallationSpec();
    spec.setVersion(version);
    spec.setProfile(profile);
    assertGolden(spec, Path.of("src/test/resources/golden", version, profile.value() + ".yaml"));
  }

  /**
   * The profile's ingress gateway changed (fixed replicas, so a PDB and no HPA; NodePort) and an
   * extra egress gateway in its own namespace, pinned to nodes.
   */
  @Test
  void gatewaysRenderWhatTheGoldenFileSays() throws Exception {
    MeshInstallationSpec spec = new MeshInstallationSpec();
    spec.setVersion("1.30.4");
    spec.setProfile(Profile.DEFAULT);
    GatewaySpec ingress = new GatewaySpec();
    ingress.setName("istio-ingressgateway");
    ingress.setReplicas(3);
    ingress.setServiceType(GatewaySpec.ServiceType.NodePort);
    ingress.setServiceAnnotations(Map.of("example.com/lb", "internal"));
    GatewaySpec egress = new GatewaySpec();
    egress.setName("internal-egress");
    egress.setKind(GatewaySpec.Kind.EGRESS);
    egress.setNamespace("istio-egress");
    egress.setNodeSelector(Map.of("pool", "egress"));
    ComponentsSpec components = new ComponentsSpec();
    components.setGateways(List.of(ingress, egress));
    spec.setComponents(components);
    assertGolden(spec, Path.of("src/test/resources/golden/1.30.4/gateways.yaml"));
  }

  /**
   * A private registry: every Istio workload pulls from it with the pull secret, and the injector's
   * values carry both, for the sidecars, waypoints and gateways istiod makes.
   */
  @Test
  void aPrivateRegistryRendersWhatTheGoldenFileSays() throws Exception {
    MeshInstallationSpec spec = new MeshInstallationSpec();
    spec.setVersion("1.30.4");
    spec.setProfile(Profile.AMBIENT);
    spec.setHub("registry.example.com/istio");
    spec.setImagePullSecrets(List.of("regcred"));
    GatewaySpec ingress = new GatewaySpec();
    ingress.setName("edge-ingress");
    ingress.setKind(GatewaySpec.Kind.INGRESS);
    ingress.setEnabled(true);
    ComponentsSpec components = new ComponentsSpec();
    components.setGateways(List.of(ingress));
    spec.setComponents(components);
    assertGolden(spec, Path.of("src/test/resources/golden/1.30.4/private-registry.yaml"));
  }

  /**
   * The day-2 example of docs/examples, as users read it: every value and scheduling setting on the
   * objects it concerns.
   */
  @Test
  void theDay2ValuesExampleRendersWhatTheGoldenFileSays() throws Exception {
    assertGolden(
        example("day2-values.yaml"), Path.of("src/test/resources/golden/1.30.4/day2-values.yaml"));
  }

  /**
   * The cluster-settings example: cluster domain, capture ranges and ports, injector policy and
   * selectors, logging and ServiceAccount annotations on the objects each concerns.
   */
  @Test
  void theClusterSettingsExampleRendersWhatTheGoldenFileSays() throws Exception {
    assertGolden(
        example("cluster-settings.yaml"),
        Path.of("src/test/resources/golden/1.31.4/cluster-settings.yaml"));
  }

  private static MeshInstallationSpec example(String file) throws IOException {
    try (var in = Files.newInputStream(Path.of("docs/examples", file))) {
      return Serialization.unmarshal(in, MeshInstallation.class).getSpec();
    }
  }

  /** istio-cni told to leave ambient pods' DNS and IPv6 traffic alone: its ConfigMap only. */
  @Test
  void ambientRedirectionSwitchesRenderWhatTheGoldenFileSays() throws Exception {
    MeshInstallationSpec spec = new MeshInstallationSpec();
    spec.setVersion("1.31.4");
    spec.setProfile(Profile.AMBIENT);
    CniAmbientSpec redirection = new CniAmbientSpec();
    redirection.setDnsCapture(false);
    redirection.setIpv6(false);
    CniSpec cni = new CniSpec();
    cni.setAmbient(redirection);
    ComponentsSpec components = new ComponentsSpec();
    components.setCni(cni);
    spec.setComponents(components);
    assertGolden(spec, Path.of("src/test/resources/golden/1.31.4/ambient-no-dns-ipv6.yaml"));
  }

  /** The platform presets change the node agents only: paths, quotas, OpenShift's SCC. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Platform.class,
      names = {"GKE", "K3S", "OPENSHIFT"})
  void platformPresetsRenderWhatTheGoldenFileSays(Platform platform) throws Exception {
    MeshInstallationSpec spec = new MeshInstallationSpec();
    spec.setVersion("1.30.4");
    spec.setProfile(Profile.AMBIENT);
    spec.setPlatform(platform);
    assertGolden(
        spec,
        Path.of(
            "src/test/resources/golden/1.30.4",
            "ambient-" + platform.name().toLowerCase(java.util.Locale.ROOT) + ".yaml"));
  }

  /**
   * OpenShift's sidecar path: istio-cni on without ambient, in kube-system, its multus network, the
   * injector told to join it, istiod's platform settings, gateways without fixed UIDs.
   */
  @Test
  void openShiftSidecarsRenderWhatTheGoldenFileSays() throws Exception {
    MeshInstallationSpec spec = new MeshInstallationSpec();
    spec.setVersion("1.31.4");
    spec.setProfile(Profile.DEFAULT);
    spec.setPlatform(Platform.OPENSHIFT);
    assertGolden(spec, Path.of("src/test/resources/golden/1.31.4/openshift.yaml"));
    MeshInstallation mesh = Installations.unapplied("mesh", s -> {});
    mesh.setSpec(spec);
    assertThat(MeshRenderer.render(new PlanResolver(CATALOG).resolve(mesh)).objects())
        .as("Kubernetes' own namespaces, where objects land, are neither created nor labelled")
        .filteredOn(o -> o.getKind().equals("Namespace"))
        .extracting(o -> o.getMetadata().getName())
        .containsExactly("istio-system");
  }

  /**
   * A CRD with its schemas is upstream's file, not ours to review line by line (900 KB a release):
   * the golden file holds what the operator adds to it, with the spec's source named, and
   * PublishedApiIT proves the specs equal the istio.io/api module's file.
   */
  private static HasMetadata reviewed(HasMetadata object) {
    if (!(object instanceof CustomResourceDefinition crd)) {
      return object;
    }
    GenericKubernetesResource summary = new GenericKubernetesResource();
    summary.setApiVersion(crd.getApiVersion());
    summary.setKind(crd.getKind());
    summary.setMetadata(crd.getMetadata());
    summary.setAdditionalProperty(
        "spec",
        "istio.io/api "
            + crd.getMetadata().getLabels().get(IstioLabels.VERSION)
            + " kubernetes/customresourcedefinitions.gen.yaml");
    return summary;
  }

  private static void assertGolden(MeshInstallationSpec spec, Path golden) throws Exception {
    MeshInstallation mesh = Installations.unapplied("mesh", s -> {});
    mesh.setSpec(spec);

    DesiredState desired = MeshRenderer.render(new PlanResolver(CATALOG).resolve(mesh));

    String yaml =
        desired.objects().stream()
            .sorted(
                Comparator.comparing((HasMetadata o) -> o.getKind())
                    .thenComparing(o -> String.valueOf(o.getMetadata().getNamespace()))
                    .thenComparing(o -> o.getMetadata().getName()))
            .map(GoldenRenderTest::reviewed)
            .map(Serialization::asYaml)
            .collect(Collectors.joining());
    GeneratedFiles.assertCommitted(golden, yaml);
  }
}
