package dev.meshoperator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshoperator.api.v1alpha1.CniAmbientSpec;
import dev.meshoperator.api.v1alpha1.CniSpec;
import dev.meshoperator.api.v1alpha1.ComponentsSpec;
import dev.meshoperator.api.v1alpha1.DisruptionBudgetSpec;
import dev.meshoperator.api.v1alpha1.GatewaySpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.MeshInstallationSpec;
import dev.meshoperator.api.v1alpha1.PilotSpec;
import dev.meshoperator.api.v1alpha1.Platform;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.api.v1alpha1.SidecarProxySpec;
import dev.meshoperator.api.v1alpha1.UpdateStrategy;
import dev.meshoperator.api.v1alpha1.ValuesSpec;
import dev.meshoperator.api.v1alpha1.WorkloadSpec;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.catalog.MinorVersion;
import dev.meshoperator.testing.Installations;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PlanResolverTest {

  private final PlanResolver resolver = new PlanResolver(IstioCatalog.load());

  @Test
  void aDigestPinsTheImageExactly() {
    String digest = "sha256:" + "0123456789abcdef".repeat(4);
    MeshPlan plan =
        resolver.resolve(
            Installations.unapplied(
                "m",
                spec -> {
                  spec.setVersion("1.30.4");
                  spec.setProfile(Profile.AMBIENT);
                  ComponentsSpec components = new ComponentsSpec();
                  PilotSpec pilot = new PilotSpec();
                  pilot.setTag(digest);
                  components.setPilot(pilot);
                  CniSpec cni = new CniSpec();
                  cni.setTag(digest);
                  components.setCni(cni);
                  spec.setComponents(components);
                }));
    assertThat(plan.istiod().orElseThrow().image()).isEqualTo("docker.io/istio/pilot@" + digest);
    assertThat(plan.cni().orElseThrow().image())
        .as("no variant after a digest")
        .isEqualTo("docker.io/istio/install-cni@" + digest);
    assertThat(plan.cni().orElseThrow().settings())
        .as("the agent still knows its version")
        .containsEntry("CURRENT_AGENT_VERSION", "1.30.4");
  }

  @Test
  void openShiftRunsIstioCniForSidecarsTooInKubeSystem() {
    MeshPlan plan = resolver.resolve(mesh(spec -> spec.setPlatform(Platform.OPENSHIFT)));
    assertThat(plan.cni()).as("istio-cni, which OpenShift's sidecars need").isPresent();
    assertThat(plan.ztunnel()).isEmpty();
    assertThat(plan.nodeAgentNamespace()).isEqualTo("kube-system");
    assertThat(plan.namespace()).isEqualTo("istio-system");

    MeshPlan leftToOthers =
        resolver.resolve(
            mesh(
                spec -> {
                  spec.setPlatform(Platform.OPENSHIFT);
                  withCni(spec, false);
                }));
    assertThat(leftToOthers.cni()).as("an explicit choice stands").isEmpty();
    assertThat(resolver.resolve(mesh(spec -> {})).nodeAgentNamespace()).isEqualTo("istio-system");
  }

  @Test
  void anEmptySpecGetsTheDefaultProfileOfTheLatestRelease() {
    MeshPlan plan = resolver.resolve(mesh(spec -> {}));
    assertThat(plan.release().version()).isEqualTo("1.31.4");
    assertThat(plan.profile()).isEqualTo(Profile.DEFAULT);
    assertThat(plan.namespace()).isEqualTo("istio-system");
    assertThat(plan.revision()).isEqualTo("default");
    assertThat(plan.istiodName()).isEqualTo("istiod");
    assertThat(plan.baseEnabled()).isTrue();
    IstiodPlan istiod = plan.istiod().orElseThrow();
    assertThat(istiod.image()).isEqualTo("docker.io/istio/pilot:1.31.4");
    assertThat(istiod.autoscale()).isEqualTo(new Autoscale(1, 5, 80));
    assertThat(istiod.replicas()).isNull();
  }

  @Test
  void aFixedReplicaCountTurnsAutoscalingOff() {
    IstiodPlan istiod =
        resolver.resolve(mesh(spec -> pilot(spec).setReplicas(3))).istiod().orElseThrow();
    assertThat(istiod.autoscale()).isNull();
    assertThat(istiod.replicas()).isEqualTo(3);
    assertThat(istiod.disruptionBudget()).isPresent();
  }

  @Test
  void autoscaleBoundsOverrideTheProfile() {
    IstiodPlan istiod =
        resolver.resolve(mesh(spec -> pilot(spec).setAutoscaleMin(2))).istiod().orElseThrow();
    assertThat(istiod.autoscale()).isEqualTo(new Autoscale(2, 5, 80));
    assertThat(istiod.disruptionBudget()).isPresent();
  }

  @Test
  void demoProfileRunsOneSmallIstiodWithFullTracing() {
    MeshPlan plan = resolver.resolve(mesh(spec -> spec.setProfile(Profile.DEMO)));
    IstiodPlan istiod = plan.istiod().orElseThrow();
    assertThat(istiod.autoscale()).isNull();
    assertThat(istiod.replicas()).isEqualTo(1);
    assertThat(istiod.traceSampling()).isEqualTo("100");
    assertThat(plan.meshConfig().get("accessLogFile").asText()).isEqualTo("/dev/stdout");
  }

  @Test
  void emptyProfileEnablesNothingUnlessAsked() {
    MeshPlan plan = resolver.resolve(mesh(spec -> spec.setProfile(Profile.EMPTY)));
    assertThat(plan.baseEnabled()).isFalse();
    assertThat(plan.istiod()).isEmpty();
    MeshPlan withPilot =
        resolver.resolve(
            mesh(
                spec -> {
                  spec.setProfile(Profile.EMPTY);
                  pilot(spec).setEnabled(true);
                }));
    assertThat(withPilot.istiod()).isPresent();
  }

  @Test
  void envLayersProfileThenCompatibilityThenUser() {
    MeshPlan plan =
        resolver.resolve(
            mesh(
                spec -> {
                  spec.setVersion("1.30.3");
                  spec.setCompatibilityVersion("1.29");
                  pilot(spec)
                      .setEnv(
                          Map.of(
                              "PILOT_SIDECAR_PICK_BEST_SERVICE_NAMESPACE", "true", "EXTRA", "1"));
                }));
    assertThat(plan.compatibilityVersion()).contains(new MinorVersion(1, 29));
    assertThat(plan.istiod().orElseThrow().env())
        .containsEntry("PILOT_SIDECAR_PICK_BEST_SERVICE_NAMESPACE", "true")
        .containsEntry("EXTRA", "1");
    MeshPlan compatOnly =
        resolver.resolve(
            mesh(
                spec -> {
                  spec.setVersion("1.30.3");
                  spec.setCompatibilityVersion("1.29");
                }));
    assertThat(compatOnly.istiod().orElseThrow().env())
        .containsEntry("PILOT_SIDECAR_PICK_BEST_SERVICE_NAMESPACE", "false");
  }

  @Test
  void userMeshConfigMergesOverTheProfile() throws Exception {
    MeshPlan plan =
        resolver.resolve(
            mesh(
                spec ->
                    spec.setMeshConfig(
                        json(
                            "{\"accessLogFile\":\"/dev/stdout\",\"defaultConfig\":{\"holdApplicationUntilProxyStarts\":true}}"))));
    assertThat(plan.meshConfig().get("accessLogFile").asText()).isEqualTo("/dev/stdout");
    assertThat(plan.meshConfig().at("/defaultConfig/holdApplicationUntilProxyStarts").asBoolean())
        .isTrue();
    assertThat(plan.meshConfig().at("/defaultConfig/discoveryAddress").asText())
        .isEqualTo("istiod.istio-system.svc:15012");
  }

  @Test
  void aVersionOutsideTheCatalogIsInvalidAndNamesTheKnownOnes() {
    assertThatThrownBy(() -> resolver.resolve(mesh(spec -> spec.setVersion("1.32.0"))))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("1.32.0")
        .hasMessageContaining("1.30.4")
        .satisfies(
            e ->
                assertThat(((InvalidSpecException) e).reason())
                    .isEqualTo(InvalidSpecException.Reason.InvalidSpec));
  }

  @Test
  void compatibilityVersionMustLieWithinWhatTheReleaseSupports() {
    assertThatThrownBy(
            () ->
                resolver.resolve(
                    mesh(
                        spec -> {
                          spec.setVersion("1.29-latest");
                          spec.setCompatibilityVersion("1.30");
                        })))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("newer than version 1.29.6");
    assertThatThrownBy(() -> resolver.resolve(mesh(spec -> spec.setCompatibilityVersion("1.24"))))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("the oldest is 1.25");
  }

  @Test
  void valuesThatLiveInTheMeshConfigAreWrittenThere() {
    MeshPlan plan =
        resolver.resolve(
            mesh(
                spec -> {
                  spec.setValues(values("mesh1", 2));
                  spec.setMeshConfig(json("{\"defaultConfig\":{\"meshId\":\"mesh1\"}}"));
                }));

    assertThat(plan.meshConfig().at("/defaultConfig/meshId").asText()).isEqualTo("mesh1");
    assertThat(plan.meshConfig().at("/defaultConfig/concurrency").asInt()).isEqualTo(2);
    assertThat(plan.values().meshId()).isEqualTo("mesh1");
    assertThat(plan.values().clusterId()).isEqualTo("Kubernetes");
  }

  @Test
  void aValueSetDifferentlyInTheMeshConfigIsRefused() {
    assertInvalid(
        spec -> {
          spec.setValues(values(null, 2));
          spec.setMeshConfig(json("{\"defaultConfig\":{\"concurrency\":4}}"));
        },
        "spec.values.proxy.concurrency is 2 but spec.meshConfig.defaultConfig.concurrency is 4");
    assertInvalid(
        spec -> {
          spec.setValues(values("mesh1", null));
          spec.setMeshConfig(json("{\"defaultConfig\":{\"meshId\":\"other\"}}"));
        },
        "spec.values.meshID is mesh1");
  }

  @Test
  void aGatewayTakesANodeSelectorOrNodeAffinityNotBoth() {
    assertInvalid(
        spec -> {
          GatewaySpec gateway = new GatewaySpec();
          gateway.setName("istio-ingressgateway");
          gateway.setNodeSelector(Map.of("pool", "edge"));
          gateway.setAffinity(
              new io.fabric8.kubernetes.api.model.AffinityBuilder()
                  .withNewNodeAffinity()
                  .endNodeAffinity()
                  .build());
          spec.getComponents().setGateways(List.of(gateway));
        },
        "sets both nodeSelector and affinity.nodeAffinity");
  }

  @Test
  void aDisruptionBudgetIsWrittenWhenAskedOrWhenSeveralReplicasAreGuaranteed() {
    assertThat(
            resolver
                .resolve(mesh(spec -> pilot(spec).setReplicas(1)))
                .istiod()
                .orElseThrow()
                .disruptionBudget())
        .isEmpty();
    assertThat(
            resolver
                .resolve(mesh(spec -> pilot(spec).setReplicas(2)))
                .istiod()
                .orElseThrow()
                .disruptionBudget())
        .contains(new DisruptionBudget(new IntOrString(1), null));
    DisruptionBudgetSpec percent = new DisruptionBudgetSpec();
    percent.setMaxUnavailable(new IntOrString("50%"));
    assertThat(
            resolver
                .resolve(mesh(spec -> pilot(spec).setPodDisruptionBudget(percent)))
                .istiod()
                .orElseThrow()
                .disruptionBudget())
        .contains(new DisruptionBudget(null, new IntOrString("50%")));
    DisruptionBudgetSpec off = new DisruptionBudgetSpec();
    off.setEnabled(false);
    assertThat(
            resolver
                .resolve(
                    mesh(
                        spec -> {
                          pilot(spec).setReplicas(3);
                          pilot(spec).setPodDisruptionBudget(off);
                        }))
                .istiod()
                .orElseThrow()
                .disruptionBudget())
        .isEmpty();
  }

  private static ValuesSpec values(String meshId, Integer concurrency) {
    ValuesSpec values = new ValuesSpec();
    values.setMeshID(meshId);
    if (concurrency != null) {
      SidecarProxySpec proxy = new SidecarProxySpec();
      proxy.setConcurrency(concurrency);
      values.setProxy(proxy);
    }
    return values;
  }

  @Test
  void aRevisionIsPlannedAtItsOwnVersionUnderItsOwnName() {
    MeshInstallation mesh =
        mesh(
            spec -> {
              UpdateStrategy s = new UpdateStrategy();
              s.setType(UpdateStrategy.Type.REVISION_BASED);
              spec.setUpdateStrategy(s);
              spec.setCompatibilityVersion("1.29");
            });
    MeshPlan old = resolver.resolveRevision(mesh, "1.28.10", "mesh-1-28-10");
    assertThat(old.release().version()).isEqualTo("1.28.10");
    assertThat(old.istiodName()).isEqualTo("istiod-mesh-1-28-10");
    assertThat(old.compatibilityVersion()).as("1.29 is newer than 1.28: left out").isEmpty();
    assertThat(old.meshConfig().at("/defaultConfig/discoveryAddress").asText())
        .isEqualTo("istiod-mesh-1-28-10.istio-system.svc:15012");
  }

  @Test
  void ambientProfileRunsBothNodeAgentsWithDistrolessImages() {
    MeshPlan plan = resolver.resolve(mesh(spec -> spec.setProfile(Profile.AMBIENT)));
    NodeAgentPlan cni = plan.cni().orElseThrow();
    NodeAgentPlan ztunnel = plan.ztunnel().orElseThrow();
    assertThat(cni.image()).isEqualTo("docker.io/istio/install-cni:1.31.4-distroless");
    assertThat(cni.settings())
        .containsEntry("AMBIENT_ENABLED", "true")
        .containsEntry("AMBIENT_RECONCILE_POD_RULES_ON_STARTUP", "true");
    assertThat(cni.hostNetwork()).isFalse();
    assertThat(ztunnel.image()).isEqualTo("docker.io/istio/ztunnel:1.31.4-distroless");
    assertThat(ztunnel.env()).containsEntry("ISTIO_META_ENABLE_HBONE", "true");
    assertThat(plan.istiod().orElseThrow().env()).containsEntry("PILOT_ENABLE_AMBIENT", "true");
  }

  @Test
  void cniOnItsOwnInTheDefaultProfileIsTheChainedPluginWithoutAmbient() {
    MeshPlan plan =
        resolver.resolve(
            mesh(
                spec -> {
                  spec.setComponents(new ComponentsSpec());
                  CniSpec cni = new CniSpec();
                  cni.setEnabled(true);
                  spec.getComponents().setCni(cni);
                }));
    assertThat(plan.cni().orElseThrow().settings()).containsEntry("AMBIENT_ENABLED", "false");
    assertThat(plan.cni().orElseThrow().image()).isEqualTo("docker.io/istio/install-cni:1.31.4");
    assertThat(plan.ztunnel()).isEmpty();
  }

  @Test
  void ambientRedirectionOfDnsAndIpv6IsOnUnlessTurnedOff() {
    MeshPlan byDefault = resolver.resolve(mesh(spec -> spec.setProfile(Profile.AMBIENT)));
    MeshPlan turnedOff =
        resolver.resolve(
            mesh(
                spec -> {
                  spec.setProfile(Profile.AMBIENT);
                  spec.setComponents(new ComponentsSpec());
                  CniSpec cni = new CniSpec();
                  CniAmbientSpec ambient = new CniAmbientSpec();
                  ambient.setDnsCapture(false);
                  ambient.setIpv6(false);
                  cni.setAmbient(ambient);
                  spec.getComponents().setCni(cni);
                }));

    assertThat(byDefault.cni().orElseThrow().settings())
        .containsEntry("AMBIENT_DNS_CAPTURE", "true")
        .containsEntry("AMBIENT_IPV6", "true");
    assertThat(turnedOff.cni().orElseThrow().settings())
        .containsEntry("AMBIENT_DNS_CAPTURE", "false")
        .containsEntry("AMBIENT_IPV6", "false");
  }

  @Test
  void ambientRedirectionOfADisabledCniIsRefused() {
    assertThatThrownBy(
            () ->
                resolver.resolve(
                    mesh(
                        spec -> {
                          spec.setProfile(Profile.AMBIENT);
                          withCniAmbient(spec, false);
                        })))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageStartingWith("spec.components.cni.ambient: istio-cni is not enabled");
  }

  @Test
  void ambientRedirectionWithoutTheAmbientDataPlaneIsRefused() {
    assertThatThrownBy(() -> resolver.resolve(mesh(spec -> withCniAmbient(spec, true))))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageStartingWith(
            "spec.components.cni.ambient: istio-cni redirects ambient pods only");
  }

  @Test
  void compatibilityVersionsReachTheNodeAgents() {
    MeshPlan compat128 =
        resolver.resolve(
            mesh(
                spec -> {
                  spec.setProfile(Profile.AMBIENT);
                  spec.setCompatibilityVersion("1.28");
                }));
    assertThat(compat128.cni().orElseThrow().settings())
        .containsEntry("AMBIENT_RECONCILE_POD_RULES_ON_STARTUP", "false");
    assertThat(compat128.cni().orElseThrow().hostNetwork()).isFalse();
    MeshPlan compat125 =
        resolver.resolve(
            mesh(
                spec -> {
                  spec.setProfile(Profile.AMBIENT);
                  spec.setCompatibilityVersion("1.25");
                }));
    assertThat(compat125.cni().orElseThrow().hostNetwork())
        .as("1.25 shared the host network namespace")
        .isTrue();
  }

  @Test
  void profilesBringTheirGatewaysAndEntriesOfTheSameNameChangeOrRemoveThem() {
    assertThat(resolver.resolve(mesh(spec -> {})).gateways())
        .extracting(GatewayPlan::name)
        .containsExactly("istio-ingressgateway");
    assertThat(resolver.resolve(mesh(spec -> spec.setProfile(Profile.DEMO))).gateways())
        .extracting(GatewayPlan::name)
        .containsExactly("istio-ingressgateway", "istio-egressgateway");
    assertThat(resolver.resolve(mesh(spec -> spec.setProfile(Profile.MINIMAL))).gateways())
        .isEmpty();

    GatewayPlan ingress = resolver.resolve(mesh(spec -> {})).gateways().get(0);
    assertThat(ingress.image()).isEqualTo("docker.io/istio/proxyv2:1.31.4");
    assertThat(ingress.autoscale()).isEqualTo(new Autoscale(1, 5, 80));
    assertThat(ingress.service().type()).isEqualTo(GatewaySpec.ServiceType.LoadBalancer);
    assertThat(ingress.ports())
        .extracting(GatewayPlan.GatewayPort::port)
        .containsExactly(15021, 80, 443);

    GatewaySpec off = gateway("istio-ingressgateway", null);
    off.setEnabled(false);
    GatewaySpec extra = gateway("private", GatewaySpec.Kind.EGRESS);
    extra.setReplicas(2);
    MeshPlan changed =
        resolver.resolve(mesh(spec -> spec.getComponents().setGateways(List.of(off, extra))));
    assertThat(changed.gateways())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.name()).isEqualTo("private");
              assertThat(g.service().type()).isEqualTo(GatewaySpec.ServiceType.ClusterIP);
              assertThat(g.replicas()).isEqualTo(2);
              assertThat(g.autoscale()).isNull();
              assertThat(g.disruptionBudget()).isPresent();
            });
  }

  @Test
  void gatewaysThatCannotBeRenderedAreInvalid() {
    assertInvalid(spec -> spec.getComponents().setGateways(List.of(gateway("mine", null))), "kind");
    assertInvalid(
        spec ->
            spec.getComponents()
                .setGateways(
                    List.of(
                        gateway("a", GatewaySpec.Kind.INGRESS),
                        gateway("a", GatewaySpec.Kind.INGRESS))),
        "listed twice");
    assertInvalid(
        spec ->
            spec.getComponents()
                .setGateways(List.of(gateway("istio-ingressgateway", GatewaySpec.Kind.EGRESS))),
        "is the profile's Ingress gateway");
  }

  private static GatewaySpec gateway(String name, GatewaySpec.Kind kind) {
    GatewaySpec gateway = new GatewaySpec();
    gateway.setName(name);
    gateway.setKind(kind);
    return gateway;
  }

  private void assertInvalid(Consumer<MeshInstallationSpec> customize, String what) {
    assertThatThrownBy(() -> resolver.resolve(mesh(customize)))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining(what)
        .satisfies(
            e ->
                assertThat(((InvalidSpecException) e).reason())
                    .isEqualTo(InvalidSpecException.Reason.InvalidSpec));
  }

  private static WorkloadSpec pilot(MeshInstallationSpec spec) {
    if (spec.getComponents() == null) {
      spec.setComponents(new ComponentsSpec());
    }
    if (spec.getComponents().getPilot() == null) {
      spec.getComponents().setPilot(new PilotSpec());
    }
    return spec.getComponents().getPilot();
  }

  private static com.fasterxml.jackson.databind.JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static MeshInstallation mesh(Consumer<MeshInstallationSpec> customize) {
    return Installations.unapplied(
        "mesh",
        spec -> {
          spec.setComponents(new ComponentsSpec());
          customize.accept(spec);
        });
  }

  /** istio-cni {@code enabled} or not. */
  private static void withCni(MeshInstallationSpec spec, boolean enabled) {
    CniSpec cni = new CniSpec();
    cni.setEnabled(enabled);
    ComponentsSpec components = new ComponentsSpec();
    components.setCni(cni);
    spec.setComponents(components);
  }

  /** istio-cni {@code enabled} or not, with an (empty) ambient block. */
  private static void withCniAmbient(MeshInstallationSpec spec, boolean enabled) {
    spec.setComponents(new ComponentsSpec());
    CniSpec cni = new CniSpec();
    cni.setEnabled(enabled);
    cni.setAmbient(new CniAmbientSpec());
    spec.getComponents().setCni(cni);
  }
}
