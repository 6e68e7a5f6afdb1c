package dev.meshoperator.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshoperator.api.v1alpha1.GatewaySpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.SidecarInjectorSpec;
import dev.meshoperator.api.v1alpha1.UpdateStrategy;
import dev.meshoperator.api.v1alpha1.ValuesSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IstioOperatorTranslatorTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The installation's own model, strict: a field the translation invents fails to read. */
  private static final ObjectMapper MODEL =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @Test
  void aProductionIstioOperatorCarriesWhatTheApiModelsAndNamesTheRest() throws IOException {
    Translation translation =
        IstioOperatorTranslator.translate(
            YAML.readTree(Path.of("src/test/resources/translate/production.yaml").toFile()));
    MeshInstallation mesh = MODEL.treeToValue(translation.installation(), MeshInstallation.class);

    assertThat(mesh.getMetadata().getName()).isEqualTo("production");
    var spec = mesh.getSpec();
    assertThat(spec.getProfile().value()).isEqualTo("default");
    assertThat(spec.getVersion()).isEqualTo("1.30.4");
    assertThat(spec.getHub()).isEqualTo("registry.example.com/istio");
    assertThat(spec.getNamespace()).as("istio-system is the default").isNull();
    assertThat(spec.getPlatform().name()).isEqualTo("GKE");
    assertThat(spec.getImagePullSecrets()).containsExactly("registry-credentials");
    assertThat(spec.getUpdateStrategy().getType()).isEqualTo(UpdateStrategy.Type.REVISION_BASED);
    assertThat(spec.getMeshConfig().path("accessLogFile").asText()).isEqualTo("/dev/stdout");
    assertThat(spec.getValues().getMeshID()).isEqualTo("mesh1");
    assertThat(spec.getValues().getNetwork()).isEqualTo("network1");
    assertThat(spec.getValues().getClusterName()).isEqualTo("cluster1");
    assertThat(spec.getValues().getProxy().getLogLevel().name()).isEqualTo("WARNING");
    assertThat(spec.getValues().getProxy().getResources().getRequests()).containsKey("cpu");

    var pilot = spec.getComponents().getPilot();
    assertThat(pilot.getAutoscaleMin()).isEqualTo(2);
    assertThat(pilot.getAutoscaleMax()).as("the k8s block over values.pilot").isEqualTo(5);
    assertThat(pilot.getReplicas()).as("refused beside autoscaling bounds").isNull();
    assertThat(pilot.getEnv())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("PILOT_ENABLE_STATUS", "true", "PILOT_TRACE_SAMPLING", "0.5"));
    assertThat(pilot.getResources().getRequests().get("memory").toString()).isEqualTo("2Gi");
    assertThat(pilot.getNodeSelector()).containsEntry("node-role.example.com/infra", "true");
    assertThat(pilot.getTolerations())
        .singleElement()
        .satisfies(t -> assertThat(t.getValue()).isEqualTo("infra"));
    assertThat(pilot.getPodDisruptionBudget().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(spec.getComponents().getCni().getEnabled()).isTrue();
    assertThat(spec.getComponents().getCni().getReplicas()).isNull();

    List<GatewaySpec> gateways = spec.getComponents().getGateways();
    assertThat(gateways)
        .extracting(GatewaySpec::getName)
        .containsExactly("istio-ingressgateway", "internal-gateway");
    GatewaySpec ingress = gateways.get(0);
    assertThat(ingress.getKind()).as("a profile's gateway keeps its kind").isNull();
    assertThat(ingress.getServiceType()).isEqualTo(GatewaySpec.ServiceType.LoadBalancer);
    assertThat(ingress.getExternalTrafficPolicy())
        .isEqualTo(GatewaySpec.ExternalTrafficPolicy.Local);
    assertThat(ingress.getServiceAnnotations())
        .containsEntry("service.beta.kubernetes.io/aws-load-balancer-type", "nlb");
    assertThat(ingress.getPorts())
        .extracting(p -> p.getName() + ":" + p.getPort() + "->" + p.getTargetPort())
        .as("the status port is always there")
        .containsExactly("http2:80->8080", "https:443->8443");
    GatewaySpec internal = gateways.get(1);
    assertThat(internal.getKind()).isEqualTo(GatewaySpec.Kind.INGRESS);
    assertThat(internal.getNamespace()).isEqualTo("edge");
    assertThat(internal.getServiceType()).isEqualTo(GatewaySpec.ServiceType.ClusterIP);

    assertThat(translation.untranslated())
        .extracting(Untranslated::path)
        .containsExactly(
            "spec.components.cni.k8s.replicaCount",
            "spec.components.cni.namespace",
            "spec.components.ingressGateways[0].k8s.service.ports[2].nodePort",
            "spec.components.ingressGateways[0].label.team",
            "spec.components.pilot.k8s.env[1]",
            "spec.components.pilot.k8s.hpaSpec.metrics",
            "spec.components.pilot.k8s.overlays",
            "spec.components.pilot.k8s.replicaCount",
            "spec.components.pilot.k8s.strategy",
            "spec.revision",
            "spec.tag",
            "spec.values.global.proxy.privileged",
            "spec.values.pilot.autoscaleMax",
            "spec.values.sidecarInjectorWebhook.rewriteAppHTTPProbe");
    assertThat(translation.untranslated())
        .extracting(Untranslated::toString)
        .contains(
            "spec.components.cni.k8s.replicaCount: a node agent runs one pod per node: replicas,"
                + " autoscaling and disruption budgets do not apply",
            "spec.components.pilot.k8s.env[1]: env POD_IP is read from a field, a Secret or a"
                + " ConfigMap (valueFrom); the installation takes plain values only",
            "spec.tag: the image variant distroless is not offered; version 1.30.4 runs the"
                + " default images",
            "spec.values.pilot.autoscaleMax: overridden by the component's k8s.autoscaleMax, as"
                + " istioctl does");
  }

  @Test
  void helmValuesAreReadAsTheValuesOfAnIstioOperatorAndNamedAsWritten() throws IOException {
    JsonNode values =
        YAML.readTree(
            """
            revision: canary
            global:
              hub: docker.io/istio
              tag: 1.31.4
            pilot:
              autoscaleEnabled: false
              replicaCount: 3
              env:
                PILOT_ENABLE_STATUS: "true"
            meshConfig:
              accessLogFile: /dev/stdout
            sidecarInjectorWebhook:
              enableNamespacesByDefault: true
            telemetry:
              enabled: false
            """);
    Translation translation = IstioOperatorTranslator.translate(values);
    MeshInstallation mesh = MODEL.treeToValue(translation.installation(), MeshInstallation.class);

    assertThat(mesh.getSpec().getVersion()).isEqualTo("1.31.4");
    assertThat(mesh.getSpec().getHub()).isEqualTo("docker.io/istio");
    assertThat(mesh.getSpec().getComponents().getPilot().getReplicas()).isEqualTo(3);
    assertThat(mesh.getSpec().getComponents().getPilot().getAutoscaleMin()).isNull();
    assertThat(mesh.getSpec().getComponents().getPilot().getEnv())
        .containsEntry("PILOT_ENABLE_STATUS", "true");
    assertThat(mesh.getSpec().getMeshConfig().path("accessLogFile").asText())
        .isEqualTo("/dev/stdout");
    assertThat(translation.untranslated())
        .extracting(Untranslated::path)
        .containsExactly(
            "revision", "sidecarInjectorWebhook.enableNamespacesByDefault", "telemetry.enabled");
  }

  @Test
  void clusterSettingsAreCarriedAsTheTypedListsTheApiTakes() throws IOException {
    JsonNode values =
        YAML.readTree(
            """
            profile: ambient
            global:
              tag: 1.31.4
              logging:
                level: default:info,ads:debug
              logAsJson: true
              proxy:
                clusterDomain: corp.internal
                autoInject: disabled
                includeIPRanges: "10.0.0.0/8, 172.16.0.0/12"
                excludeIPRanges: ""
                excludeOutboundPorts: "5432,6379"
                excludeInboundPorts: "*"
            sidecarInjectorWebhook:
              neverInjectSelector:
              - matchLabels:
                  job-type: batch
              templates:
                corp: "spec: {}"
            pilot:
              serviceAccountAnnotations:
                eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/istiod
            cni:
              ambient:
                dnsCapture: false
            """);
    Translation translation = IstioOperatorTranslator.translate(values);
    MeshInstallation mesh = MODEL.treeToValue(translation.installation(), MeshInstallation.class);

    ValuesSpec settings = mesh.getSpec().getValues();
    assertThat(settings.getClusterDomain()).isEqualTo("corp.internal");
    assertThat(settings.getLogging().getLevel()).isEqualTo("default:info,ads:debug");
    assertThat(settings.getLogging().getAsJson()).isTrue();
    assertThat(settings.getProxy().getIncludeIPRanges())
        .containsExactly("10.0.0.0/8", "172.16.0.0/12");
    assertThat(settings.getProxy().getExcludeIPRanges()).as("the chart's default").isNull();
    assertThat(settings.getProxy().getExcludeOutboundPorts()).containsExactly(5432, 6379);
    assertThat(settings.getSidecarInjector().getAutoInject())
        .isEqualTo(SidecarInjectorSpec.AutoInject.DISABLED);
    assertThat(settings.getSidecarInjector().getNeverInjectSelector())
        .singleElement()
        .satisfies(s -> assertThat(s.getMatchLabels()).containsEntry("job-type", "batch"));
    assertThat(settings.getSidecarInjector().getTemplates()).containsEntry("corp", "spec: {}");
    assertThat(mesh.getSpec().getComponents().getPilot().getServiceAccountAnnotations())
        .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::111122223333:role/istiod");
    assertThat(mesh.getSpec().getComponents().getCni().getAmbient().getDnsCapture()).isFalse();
    assertThat(translation.untranslated())
        .as("a port list the API cannot take")
        .extracting(Untranslated::path)
        .containsExactly("global.proxy.excludeInboundPorts");
  }

  @Test
  void clusterSettingsTheApiWouldRefuseAreNamedNotCarried() throws IOException {
    Translation translation =
        IstioOperatorTranslator.translate(
            YAML.readTree(
                """
                global:
                  tag: 1.31.4
                  logging:
                    level: "default: debug"
                  proxy:
                    excludeIPRanges: "169.254.169.254"
                sidecarInjectorWebhook:
                  alwaysInjectSelector:
                  - matchLabels:
                      mesh: "on"
                cni:
                  ambient:
                    ipv6: false
                """));

    assertThat(translation.installation().path("spec").path("values").isMissingNode())
        .as("%s", translation.untranslated())
        .isTrue();
    assertThat(translation.untranslated())
        .extracting(Untranslated::path)
        .as("named where nothing below was taken")
        .containsExactlyInAnyOrder(
            "global.logging",
            "global.proxy",
            "sidecarInjectorWebhook.alwaysInjectSelector",
            "cni.ambient");
  }

  @Test
  void aStringThatReadsAsANumberIsPrintedQuoted() throws IOException {
    Translation translation =
        IstioOperatorTranslator.translate(
            YAML.readTree(
                "kind: IstioOperator\nspec:\n  values:\n    pilot:\n      traceSampling: 0.5\n"));
    String printed = TranslateCommand.render(translation);
    assertThat(printed).contains("PILOT_TRACE_SAMPLING: \"0.5\"");
    assertThat(YAML.readTree(printed)).isEqualTo(translation.installation());
  }

  @Test
  void replicasFollowTheChartsReadingOfAutoscaling() throws IOException {
    Translation autoscaled =
        IstioOperatorTranslator.translate(YAML.readTree("pilot:\n  replicaCount: 3\n"));
    assertThat(autoscaled.installation().path("spec").has("components")).isFalse();
    assertThat(autoscaled.untranslated())
        .extracting(Untranslated::toString)
        .containsExactly(
            "pilot.replicaCount: applies only with autoscaleEnabled false, as in upstream's chart");

    Translation fixed =
        IstioOperatorTranslator.translate(YAML.readTree("pilot:\n  autoscaleEnabled: false\n"));
    assertThat(fixed.installation().at("/spec/components/pilot/replicas").asInt()).isEqualTo(1);
    assertThat(fixed.untranslated()).isEmpty();
  }

  @Test
  void meshConfigsMergeDeeplyAndTheSpecWins() throws IOException {
    Translation translation =
        IstioOperatorTranslator.translate(
            YAML.readTree(
                """
                kind: IstioOperator
                spec:
                  meshConfig:
                    defaultConfig:
                      holdApplicationUntilProxyStarts: true
                  values:
                    meshConfig:
                      defaultConfig:
                        holdApplicationUntilProxyStarts: false
                        proxyMetadata:
                          ISTIO_META_DNS_CAPTURE: "true"
                """));
    JsonNode defaults = translation.installation().at("/spec/meshConfig/defaultConfig");
    assertThat(defaults.path("holdApplicationUntilProxyStarts").asBoolean()).isTrue();
    assertThat(defaults.at("/proxyMetadata/ISTIO_META_DNS_CAPTURE").asText()).isEqualTo("true");
  }

  @Test
  void aValueTheSpecOverridesAndANamedTargetPortAreNamed() throws IOException {
    Translation translation =
        IstioOperatorTranslator.translate(
            YAML.readTree(
                """
                kind: IstioOperator
                spec:
                  tag: 1.31.4
                  components:
                    ingressGateways:
                    - name: istio-ingressgateway
                      k8s:
                        service:
                          ports:
                          - {name: http2, port: 80, targetPort: http}
                  values:
                    global:
                      tag: 1.30.4
                """));
    assertThat(translation.installation().at("/spec/version").asText()).isEqualTo("1.31.4");
    assertThat(translation.untranslated())
        .extracting(Untranslated::toString)
        .containsExactly(
            "spec.components.ingressGateways[0].k8s.service.ports[0].targetPort: a named target"
                + " port is not offered; the port number is used",
            "spec.values.global.tag: differs from spec.tag, which is kept");
  }

  @Test
  void severalDocumentsAreRefusedNotHalfRead() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        TranslateCommand.run(
            List.of("-"),
            new ByteArrayInputStream(
                "kind: IstioOperator\n---\nkind: IstioOperator\n".getBytes(StandardCharsets.UTF_8)),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(TranslateCommand.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "translate: - holds 2 YAML documents; translate one IstioOperator (or one values file)"
                + " at a time\n");
  }

  @Test
  void aTagThatNamesNoReleaseLeavesTheVersionToTheUser() throws IOException {
    Translation translation =
        IstioOperatorTranslator.translate(
            YAML.readTree("kind: IstioOperator\nspec:\n  tag: latest\n  profile: remote\n"));
    assertThat(translation.installation().path("spec").has("version")).isFalse();
    assertThat(translation.installation().path("spec").path("profile").asText())
        .isEqualTo("default");
    assertThat(translation.untranslated())
        .extracting(Untranslated::toString)
        .containsExactly(
            "spec.profile: the profile remote is not offered (ambient, default, demo, empty,"
                + " minimal are); multi-cluster installations are not offered yet",
            "spec.tag: the tag latest names no Istio release; set spec.version to the release"
                + " that runs");
  }

  @Test
  void anotherKindIsRefusedInWords() {
    assertThatThrownBy(
            () ->
                IstioOperatorTranslator.translate(
                    YAML.readTree("kind: Deployment\nmetadata:\n  name: x\n")))
        .hasMessage(
            "not an IstioOperator (kind is Deployment) and not a file of Helm values (those have"
                + " no kind)");
  }

  @Test
  void theCommandPrintsTheNotesAsCommentsAboveTheDocument() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        TranslateCommand.run(
            List.of("-"),
            new ByteArrayInputStream(
                "kind: IstioOperator\nspec:\n  profile: ambient\n  tag: 1.31.4\n"
                    .getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            """
            # Every setting was carried over.
            apiVersion: mesh.operator.dev/v1alpha1
            kind: MeshInstallation
            metadata:
              name: istio
            spec:
              version: "1.31.4"
              profile: ambient
            """);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();

    Path missing = Files.createTempDirectory("translate").resolve("missing.yaml");
    code =
        TranslateCommand.run(
            List.of(missing.toString()),
            InputStreamNothing.INSTANCE,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(TranslateCommand.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("translate: no such file: " + missing + "\n");
  }

  /** Standard input nobody reads. */
  private static final class InputStreamNothing {
    static final ByteArrayInputStream INSTANCE = new ByteArrayInputStream(new byte[0]);
  }
}
