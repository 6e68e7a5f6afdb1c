package dev.meshoperator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.status.Conditions;
import dev.meshoperator.testing.DumpOnFailure;
import dev.meshoperator.testing.Installations;
import dev.meshoperator.testing.LocalClusterTestResource;
import dev.meshoperator.testing.MeshAssert;
import dev.meshoperator.testing.Tiers;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, against the real CRD on the API server and the operator running: each spec is refused
 * at admission with a message that names the field, or reported as Reconciled=False with a named
 * reason and a Warning Event. Throughout, an installation that was already running stays Ready and
 * untouched, and one created after all of them still reconciles.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalClusterTestResource.class, restrictToAnnotatedClass = true)
@ExtendWith(DumpOnFailure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag(Tiers.CLUSTER)
class BadInputIT {

  private static final Duration BOUND = Duration.ofSeconds(90);

  @Inject KubernetesClient client;

  private MeshInstallation running;
  private String runningVersion;
  private final List<String> created = new ArrayList<>();

  /** Refused by the API server: the spec, and what the message must say. */
  static Stream<Arguments> refusedAtAdmission() {
    return Stream.of(
        refused(
            "version with an absurd line",
            Map.of("version", "1.99999999999-latest"),
            "spec.version"),
        refused("version that is empty", Map.of("version", ""), "spec.version"),
        refused("version of the wrong type", Map.of("version", 130), "spec.version"),
        refused("profile nobody defines", Map.of("profile", "huge"), "spec.profile"),
        refused("platform nobody defines", Map.of("platform", "mars"), "spec.platform"),
        refused(
            "control plane in kube-system",
            Map.of("namespace", "kube-system"),
            "Kubernetes system namespace"),
        refused(
            "control plane in kube-public",
            Map.of("namespace", "kube-public"),
            "Kubernetes system namespace"),
        refused(
            "namespace that is not a DNS label", Map.of("namespace", "Bad_Name"), "spec.namespace"),
        refused(
            "namespace longer than a label", Map.of("namespace", "n".repeat(64)), "spec.namespace"),
        refused(
            "compatibility version with an absurd line",
            Map.of("compatibilityVersion", "1.99999"),
            "spec.compatibilityVersion"),
        refused(
            "compatibility version newer than the version",
            Map.of("version", "1.29.6", "compatibilityVersion", "1.30"),
            "compatibilityVersion must not be newer than version"),
        refused(
            "replicas beyond any cluster (int32 overflow)",
            pilot(Map.of("replicas", 3000000000L)),
            "spec.components.pilot.replicas"),
        refused(
            "replicas above the maximum",
            pilot(Map.of("replicas", 1001)),
            "spec.components.pilot.replicas"),
        refused(
            "negative replicas", pilot(Map.of("replicas", -1)), "spec.components.pilot.replicas"),
        refused(
            "replicas of the wrong type",
            pilot(Map.of("replicas", "three")),
            "spec.components.pilot.replicas"),
        refused(
            "autoscaleMin of zero",
            pilot(Map.of("autoscaleMin", 0)),
            "spec.components.pilot.autoscaleMin"),
        refused(
            "autoscaleMax above the maximum",
            pilot(Map.of("autoscaleMax", 5000)),
            "spec.components.pilot.autoscaleMax"),
        refused(
            "replicas beside autoscaling bounds, one of which would be ignored",
            pilot(Map.of("replicas", 2, "autoscaleMax", 4)),
            "spec.components.pilot.replicas: Forbidden: replicas fixes the count"),
        refused(
            "autoscaleMin above autoscaleMax",
            pilot(Map.of("autoscaleMin", 5, "autoscaleMax", 2)),
            "autoscaleMin must not exceed autoscaleMax"),
        refused(
            "enabled that is not a boolean",
            pilot(Map.of("enabled", "maybe")),
            "spec.components.pilot.enabled"),
        refused(
            "too many tolerations",
            pilot(Map.of("tolerations", Collections.nCopies(65, Map.of("operator", "Exists")))),
            "spec.components.pilot.tolerations"),
        refused(
            "too many gateways",
            Map.of(
                "components",
                Map.of(
                    "gateways",
                    IntStream.range(0, 33).mapToObj(i -> Map.of("name", "gw-" + i)).toList())),
            "spec.components.gateways"),
        refused(
            "update strategy nobody defines",
            strategy(Map.of("type", "Sideways")),
            "spec.updateStrategy.type"),
        refused(
            "promotion nobody defines",
            strategy(Map.of("type", "RevisionBased", "promotion", "Eventually")),
            "spec.updateStrategy.promotion"),
        refused(
            "negative grace period",
            strategy(
                Map.of("type", "RevisionBased", "inactiveRevisionDeletionGracePeriodSeconds", -1)),
            "inactiveRevisionDeletionGracePeriodSeconds"),
        refused(
            "grace period above a year",
            strategy(
                Map.of(
                    "type",
                    "RevisionBased",
                    "inactiveRevisionDeletionGracePeriodSeconds",
                    40000000)),
            "inactiveRevisionDeletionGracePeriodSeconds"),
        refused(
            "restart batch of zero",
            strategy(
                Map.of(
                    "type",
                    "RevisionBased",
                    "workloadRestart",
                    Map.of("enabled", true, "batchSize", 0))),
            "batchSize"),
        refused(
            "restart batch above the maximum",
            strategy(
                Map.of(
                    "type",
                    "RevisionBased",
                    "workloadRestart",
                    Map.of("enabled", true, "batchSize", 5000))),
            "batchSize"),
        refused(
            "adopt without a revision of its own",
            Map.of("adopt", Map.of("revision", "default")),
            "spec.adopt: Invalid value: \"object\": adopt needs updateStrategy.type RevisionBased"),
        refused(
            "adopt naming no revision",
            Map.of("updateStrategy", Map.of("type", "RevisionBased"), "adopt", Map.of()),
            "spec.adopt.revision: Required value"),
        refused(
            "two tags of one name",
            strategy(
                Map.of(
                    "type",
                    "RevisionBased",
                    "tags",
                    List.of(
                        Map.of("name", "stable", "version", "1.30.4"),
                        Map.of("name", "stable", "version", "1.29.6")))),
            "tag names must be unique"),
        refused(
            "a tag named default",
            strategy(
                Map.of(
                    "type",
                    "RevisionBased",
                    "tags",
                    List.of(Map.of("name", "default", "version", "1.30.4")))),
            "the default tag follows promotion"),
        refused(
            "a tag name that is not a label",
            strategy(
                Map.of(
                    "type",
                    "RevisionBased",
                    "tags",
                    List.of(Map.of("name", "Stable!", "version", "1.30.4")))),
            "spec.updateStrategy.tags[0].name"),
        refused(
            "too many tags",
            strategy(
                Map.of(
                    "type",
                    "RevisionBased",
                    "tags",
                    IntStream.range(0, 17)
                        .mapToObj(i -> Map.of("name", "t" + i, "version", "1.30.4"))
                        .toList())),
            "spec.updateStrategy.tags"),
        refused(
            "too many ambient namespaces",
            Map.of(
                "ambient",
                Map.of("namespaces", IntStream.range(0, 1001).mapToObj(i -> "ns-" + i).toList())),
            "spec.ambient.namespaces"),
        refused(
            "too many waypoints",
            Map.of(
                "ambient",
                Map.of(
                    "waypoints",
                    IntStream.range(0, 101)
                        .mapToObj(i -> Map.of("namespace", "ns-" + i))
                        .toList())),
            "spec.ambient.waypoints"),
        refused(
            "a registry with a space in it",
            Map.of("hub", "registry example.com/istio"),
            "spec.hub"),
        refused(
            "a pull secret that is not a name",
            Map.of("imagePullSecrets", List.of("Reg Cred")),
            "spec.imagePullSecrets[0]"),
        refused(
            "too many pull secrets",
            Map.of("imagePullSecrets", IntStream.range(0, 17).mapToObj(i -> "s" + i).toList()),
            "spec.imagePullSecrets"),
        refused("a field the API does not have", Map.of("replicaz", 3), "replicaz"),
        refused(
            "an upstream values key the API does not model",
            Map.of("values", Map.of("global", Map.of("logAsJson", true))),
            "spec.values.global"),
        refused(
            "a pod label the operator sets itself",
            pilot(Map.of("podLabels", Map.of("app", "mine"))),
            "a pod label the operator sets itself"),
        refused(
            "a pod annotation the operator sets itself",
            pilot(Map.of("podAnnotations", Map.of("prometheus.io/port", "1"))),
            "a pod annotation the operator sets itself"),
        refused(
            "a waypoint label istiod sets itself",
            waypoint(
                Map.of("podLabels", Map.of("gateway.networking.k8s.io/gateway-name", "other"))),
            "a waypoint label the operator or istiod sets itself"),
        refused(
            "a waypoint annotation istiod reads",
            waypoint(Map.of("podAnnotations", Map.of("gateway.istio.io/service-account", "root"))),
            "a waypoint annotation the operator or istiod sets itself"),
        refused(
            "too many pod labels",
            pilot(
                Map.of(
                    "podLabels",
                    IntStream.range(0, 33)
                        .boxed()
                        .collect(java.util.stream.Collectors.toMap(i -> "l" + i, i -> "v")))),
            "spec.components.pilot.podLabels"),
        refused(
            "too many topology spread constraints",
            pilot(
                Map.of(
                    "topologySpreadConstraints",
                    Collections.nCopies(
                        9,
                        Map.of(
                            "maxSkew",
                            1,
                            "topologyKey",
                            "zone",
                            "whenUnsatisfiable",
                            "ScheduleAnyway")))),
            "spec.components.pilot.topologySpreadConstraints"),
        refused(
            "a disruption budget with both bounds",
            pilot(Map.of("podDisruptionBudget", Map.of("minAvailable", 1, "maxUnavailable", 1))),
            "set minAvailable or maxUnavailable, not both"),
        refused(
            "a disruption budget for a node agent",
            Map.of(
                "components",
                Map.of("ztunnel", Map.of("podDisruptionBudget", Map.of("enabled", true)))),
            "a node agent runs one pod per node"),
        refused(
            "a load balancer address on a ClusterIP gateway",
            gateway(Map.of("serviceType", "ClusterIP", "loadBalancerIP", "10.0.0.1")),
            "loadBalancerIP and loadBalancerClass need serviceType LoadBalancer"),
        refused(
            "an external traffic policy on an egress gateway",
            Map.of(
                "components",
                Map.of(
                    "gateways",
                    List.of(
                        Map.of(
                            "name", "out", "kind", "Egress", "externalTrafficPolicy", "Local")))),
            "externalTrafficPolicy needs serviceType LoadBalancer or NodePort"),
        refused(
            "two gateway ports with the same number",
            gateway(
                Map.of(
                    "ports",
                    List.of(Map.of("name", "a", "port", 80), Map.of("name", "b", "port", 80)))),
            "ports must be unique"),
        refused(
            "the status port listed",
            gateway(Map.of("ports", List.of(Map.of("name", "status-port", "port", 15021)))),
            "status-port (15021) is always there"),
        refused(
            "a gateway port beyond 65535",
            gateway(Map.of("ports", List.of(Map.of("name", "big", "port", 70000)))),
            "spec.components.gateways[0].ports[0].port"),
        refused(
            "a proxy log level Envoy does not have",
            Map.of("values", Map.of("proxy", Map.of("logLevel", "loud"))),
            "spec.values.proxy.logLevel"),
        refused(
            "a proxy concurrency above the maximum",
            Map.of("values", Map.of("proxy", Map.of("concurrency", 1000))),
            "spec.values.proxy.concurrency"),
        refused(
            "a mesh ID with a space",
            Map.of("values", Map.of("meshID", "my mesh")),
            "spec.values.meshID"),
        // Kubernetes' own rules for values that end up in a rendered object.
        refused(
            "a CPU limit that is not a quantity",
            pilot(Map.of("resources", Map.of("limits", Map.of("cpu", "lots")))),
            "spec.components.pilot.resources.limits.cpu"),
        refused(
            "a negative memory request",
            pilot(Map.of("resources", Map.of("requests", Map.of("memory", "-1Gi")))),
            "spec.components.pilot.resources.requests.memory"),
        refused(
            "a dynamic resource claim, which no pod of the operator's could hold",
            pilot(Map.of("resources", Map.of("claims", List.of(Map.of("name", "gpu"))))),
            "spec.components.pilot.resources.claims"),
        refused(
            "a sidecar memory request that is not a quantity",
            Map.of(
                "values",
                Map.of("proxy", Map.of("resources", Map.of("requests", Map.of("memory", "1 GB"))))),
            "spec.values.proxy.resources.requests.memory"),
        refused(
            "a toleration operator Kubernetes does not have",
            pilot(Map.of("tolerations", List.of(Map.of("key", "k", "operator", "Sometimes")))),
            "a toleration's operator must be Exists or Equal"),
        refused(
            "a toleration effect Kubernetes does not have",
            pilot(Map.of("tolerations", List.of(Map.of("key", "k", "effect", "NoRun")))),
            "spec.components.pilot.tolerations"),
        refused(
            "a toleration key Kubernetes refuses",
            pilot(
                Map.of(
                    "tolerations", List.of(Map.of("key", "dedicated pool", "operator", "Exists")))),
            "spec.components.pilot.tolerations[0].key"),
        refused(
            "a toleration with tolerationSeconds but no NoExecute effect",
            pilot(Map.of("tolerations", List.of(Map.of("key", "k", "tolerationSeconds", 30)))),
            "tolerationSeconds needs the NoExecute effect"),
        refused(
            "a pod label key Kubernetes refuses",
            pilot(Map.of("podLabels", Map.of("team name", "x"))),
            "spec.components.pilot.podLabels"),
        refused(
            "a pod label value Kubernetes refuses",
            pilot(Map.of("podLabels", Map.of("team", "payments & risk"))),
            "a label value must be empty or up to 63"),
        refused(
            "a pod annotation key Kubernetes refuses",
            pilot(Map.of("podAnnotations", Map.of("-leading-dash", "x"))),
            "an annotation key must be a qualified name"),
        refused(
            "a node selector value Kubernetes refuses",
            pilot(Map.of("nodeSelector", Map.of("pool", "edge nodes"))),
            "spec.components.pilot.nodeSelector"),
        refused(
            "a gateway Service annotation key Kubernetes refuses",
            gateway(Map.of("serviceAnnotations", Map.of("a/b/c", "x"))),
            "spec.components.gateways[0].serviceAnnotations"),
        refused(
            "an environment variable name Kubernetes refuses",
            pilot(Map.of("env", Map.of("1ST", "x"))),
            "an environment variable name must consist of"),
        // No field without effect.
        refused(
            "an istiod environment variable the operator sets itself",
            pilot(Map.of("env", Map.of("REVISION", "canary"))),
            "spec.components.pilot.env: Forbidden: an environment variable the operator sets"),
        refused(
            "a ztunnel environment variable the operator sets itself",
            Map.of("components", Map.of("ztunnel", Map.of("env", Map.of("NODE_NAME", "x")))),
            "spec.components.ztunnel.env"),
        refused(
            "an istio-cni environment variable the operator sets itself",
            Map.of("components", Map.of("cni", Map.of("env", Map.of("GOMAXPROCS", "2")))),
            "spec.components.cni.env"),
        refused(
            "a gateway environment variable the operator sets itself",
            gateway(Map.of("env", Map.of("ISTIO_META_OWNER", "x"))),
            "spec.components.gateways[0].env"),
        refused(
            "replicas of ztunnel, which runs one pod per node",
            Map.of("components", Map.of("ztunnel", Map.of("replicas", 2))),
            "spec.components.ztunnel: Forbidden: a node agent runs one pod per node"),
        refused(
            "autoscaling of istio-cni, which runs one pod per node",
            Map.of("components", Map.of("cni", Map.of("autoscaleMax", 3))),
            "spec.components.cni: Forbidden: a node agent runs one pod per node"),
        // Cluster settings.
        refused(
            "a cluster domain that is not a DNS name",
            values(Map.of("clusterDomain", "Corp_Internal")),
            "spec.values.clusterDomain"),
        refused(
            "a log level Istio does not know",
            values(Map.of("logging", Map.of("level", "default:verbose"))),
            "spec.values.logging.level"),
        refused(
            "a log level without its scope's separator",
            values(Map.of("logging", Map.of("level", "ads debug"))),
            "spec.values.logging.level"),
        refused(
            "an IP range that is not a CIDR",
            values(Map.of("proxy", Map.of("excludeIPRanges", List.of("169.254.169.254")))),
            "spec.values.proxy.excludeIPRanges[0]"),
        refused(
            "an IPv4 range with a prefix too long",
            values(Map.of("proxy", Map.of("includeIPRanges", List.of("10.0.0.0/33")))),
            "spec.values.proxy.includeIPRanges[0]"),
        refused(
            "an excluded port of zero",
            values(Map.of("proxy", Map.of("excludeOutboundPorts", List.of(0)))),
            "spec.values.proxy.excludeOutboundPorts[0]"),
        refused(
            "an injection policy Istio does not know",
            values(Map.of("sidecarInjector", Map.of("autoInject", "sometimes"))),
            "spec.values.sidecarInjector.autoInject"),
        refused(
            "an alwaysInjectSelector while every pod is injected anyway",
            values(
                Map.of(
                    "sidecarInjector",
                    Map.of(
                        "alwaysInjectSelector", List.of(Map.of("matchLabels", Map.of("a", "b")))))),
            "spec.values.sidecarInjector.alwaysInjectSelector: Invalid value"),
        refused(
            "an injector selector with an operator Kubernetes does not know",
            values(
                Map.of(
                    "sidecarInjector",
                    Map.of(
                        "neverInjectSelector",
                        List.of(
                            Map.of(
                                "matchExpressions",
                                List.of(
                                    Map.of(
                                        "key",
                                        "a",
                                        "operator",
                                        "Like",
                                        "values",
                                        List.of("b")))))))),
            "needs operator In or NotIn with values"),
        refused(
            "an injector selector that selects nothing",
            values(Map.of("sidecarInjector", Map.of("neverInjectSelector", List.of(Map.of())))),
            "an empty selector would select no pod"),
        refused(
            "an injector selector label key Kubernetes refuses",
            values(
                Map.of(
                    "sidecarInjector",
                    Map.of(
                        "neverInjectSelector",
                        List.of(Map.of("matchLabels", Map.of("a/b/c", "x")))))),
            "spec.values.sidecarInjector.neverInjectSelector"),
        refused(
            "an injection template name a pod's annotation cannot list",
            values(
                Map.of("sidecarInjector", Map.of("templates", Map.of("My,Template", "spec: {}")))),
            "a template name must be lower-case letters"),
        refused(
            "no default template at all",
            values(Map.of("sidecarInjector", Map.of("defaultTemplates", List.of()))),
            "spec.values.sidecarInjector.defaultTemplates"),
        refused(
            "an istiod volume with two sources",
            pilot(
                Map.of(
                    "volumes",
                    List.of(
                        Map.of(
                            "name", "ca",
                            "secret", Map.of("secretName", "ca"),
                            "emptyDir", Map.of())))),
            "a volume needs exactly one source"),
        refused(
            "an istiod volume of a kind it does not read files from",
            pilot(
                Map.of(
                    "volumes", List.of(Map.of("name", "data", "hostPath", Map.of("path", "/"))))),
            "unknown field \"spec.components.pilot.volumes[0].hostPath\""),
        refused(
            "an istiod volume named like one of istiod's own",
            pilot(Map.of("volumes", List.of(Map.of("name", "cacerts", "emptyDir", Map.of())))),
            "a volume istiod has itself cannot be replaced"),
        refused(
            "a mount over istiod's token",
            pilot(
                Map.of(
                    "volumes",
                    List.of(Map.of("name", "x", "emptyDir", Map.of())),
                    "volumeMounts",
                    List.of(Map.of("name", "x", "mountPath", "/var/run/secrets/tokens")))),
            "a path istiod mounts its own files at cannot be mounted over"),
        refused(
            "a mount of a volume nobody declared",
            pilot(Map.of("volumeMounts", List.of(Map.of("name", "x", "mountPath", "/etc/x")))),
            "spec.components.pilot.volumeMounts: Invalid value"),
        refused(
            "a relative mount path",
            pilot(
                Map.of(
                    "volumes",
                    List.of(Map.of("name", "x", "emptyDir", Map.of())),
                    "volumeMounts",
                    List.of(Map.of("name", "x", "mountPath", "etc/x")))),
            "spec.components.pilot.volumeMounts[0].mountPath"),
        refused(
            "an overlay on an object's owner references",
            overlay("Deployment", "istiod", patch("remove", "/metadata/ownerReferences/0")),
            "a patch on what the operator must own"),
        refused(
            "an overlay moving a workload's selector away",
            overlay(
                "Deployment",
                "istiod",
                Map.of("op", "move", "from", "/spec/selector/matchLabels", "path", "/metadata/x")),
            "a patch on what the operator must own"),
        refused(
            "an overlay on a webhook's client config",
            overlay(
                "MutatingWebhookConfiguration",
                "istio-sidecar-injector",
                patch("remove", "/webhooks/0/clientConfig/caBundle")),
            "a patch on what the operator must own"),
        refused(
            "an overlay on a kind the operator does not render",
            overlay(
                "CustomResourceDefinition",
                "gateways.networking.istio.io",
                patch("remove", "/spec/x")),
            "spec.overlays[0].kind"),
        refused(
            "an overlay on a role, which would grant what the operator holds",
            overlay("ClusterRole", "istiod*", patch("remove", "/rules/0")),
            "spec.overlays[0].kind"),
        refused(
            "an overlay operation RFC 6902 does not have",
            overlay("Deployment", "istiod", patch("merge", "/spec/x")),
            "spec.overlays[0].patches[0].op"),
        refused(
            "an overlay path that is not a JSON pointer",
            overlay("Deployment", "istiod", patch("remove", "spec.replicas")),
            "spec.overlays[0].patches[0].path"),
        refused(
            "a from on an operation that takes none",
            overlay(
                "Deployment", "istiod", Map.of("op", "remove", "path", "/spec/x", "from", "/a")),
            "from is the source of move and copy"),
        refused(
            "a namespace on a cluster-scoped overlay target",
            Map.of(
                "overlays",
                List.of(
                    Map.of(
                        "kind", "ValidatingWebhookConfiguration",
                        "name", "istio*",
                        "namespace", "istio-system",
                        "patches", List.of(patch("remove", "/metadata/annotations"))))),
            "a cluster-scoped kind has no namespace"),
        refused(
            "an overlay without patches",
            Map.of(
                "overlays",
                List.of(Map.of("kind", "Deployment", "name", "istiod", "patches", List.of()))),
            "spec.overlays[0].patches"),
        refused(
            "a ServiceAccount annotation key Kubernetes refuses",
            pilot(Map.of("serviceAccountAnnotations", Map.of("a/b/c", "x"))),
            "spec.components.pilot.serviceAccountAnnotations"));
  }

  /** Accepted by the API server, refused by the operator: the spec, the reason, the message. */
  static Stream<Arguments> reportedByTheOperator() {
    return Stream.of(
        reported(
            "an overlay on an object the installation does not render",
            overlay("Deployment", "istio-ingress", patch("remove", "/metadata/annotations")),
            "InvalidSpec",
            "spec.overlays[0]: the installation renders no Deployment named istio-ingress"),
        reported(
            "an overlay add without a value",
            overlay("Deployment", "istiod", patch("add", "/metadata/annotations")),
            "InvalidSpec",
            "spec.overlays[0].patches[0].value: add needs a value"),
        reported(
            "ambient redirection switches without the ambient data plane",
            Map.of(
                "components",
                Map.of("cni", Map.of("enabled", true, "ambient", Map.of("ipv6", false)))),
            "InvalidSpec",
            "spec.components.cni.ambient: istio-cni redirects ambient pods only in the ambient data"
                + " plane"),
        reported(
            "a default injection template no template is named",
            values(
                Map.of("sidecarInjector", Map.of("defaultTemplates", List.of("sidecar", "corp")))),
            "InvalidSpec",
            "spec.values.sidecarInjector.defaultTemplates: no template named corp; Istio"),
        reported(
            "an IPv6 range shaped like a CIDR that is none",
            values(Map.of("proxy", Map.of("excludeIPRanges", List.of("fd00::1::2/64")))),
            "InvalidSpec",
            "spec.values.proxy.excludeIPRanges: fd00::1::2/64 is not an IPv4 or IPv6 CIDR"),
        reported(
            "a version not in the catalog", Map.of("version", "1.17.0"), "InvalidSpec", "1.17.0"),
        reported(
            "a minor line not in the catalog",
            Map.of("version", "1.32-latest"),
            "InvalidSpec",
            "1.32-latest"),
        reported(
            "a compatibility version older than supported",
            Map.of("version", "1.30.4", "compatibilityVersion", "1.20"),
            "InvalidSpec",
            "compatibilityVersion 1.20"),
        reported(
            "a tag pinned to a version not in the catalog",
            strategy(
                Map.of(
                    "type",
                    "RevisionBased",
                    "tags",
                    List.of(Map.of("name", "old", "version", "1.17.0")))),
            "InvalidSpec",
            "tag old"),
        reported(
            "a promotedVersion not in the catalog",
            strategy(
                Map.of(
                    "type", "RevisionBased", "promotion", "Manual", "promotedVersion", "1.17.0")),
            "InvalidSpec",
            "promotedVersion 1.17.0"),
        reported(
            "a mesh ID that the mesh config sets differently",
            Map.of(
                "values",
                Map.of("meshID", "mesh1"),
                "meshConfig",
                Map.of("defaultConfig", Map.of("meshId", "mesh2"))),
            "InvalidSpec",
            "spec.values.meshID"),
        reported(
            "a gateway with both a node selector and node affinity",
            Map.of(
                "components",
                Map.of(
                    "gateways",
                    List.of(
                        Map.of(
                            "name",
                            "istio-ingressgateway",
                            "nodeSelector",
                            Map.of("pool", "edge"),
                            "affinity",
                            Map.of("nodeAffinity", Map.of()))))),
            "InvalidSpec",
            "nodeSelector and affinity.nodeAffinity"),
        reported(
            "a release whose line is past its end of life",
            Map.of("version", "1.28.10"),
            "InvalidSpec",
            "Istio 1.28 reached its end of life on 2026-07-01"),
        reported(
            "a second installation in the same namespace",
            Map.of("namespace", "@running"),
            "Conflict",
            "already hosts the control plane"));
  }

  @BeforeAll
  void startAnInstallationThatMustKeepRunning() {
    running =
        client
            .resource(
                Installations.of(
                    Installations.uniqueName("bad-input-ok"), spec -> spec.setProfile(null)))
            .create();
    running = MeshAssert.of(client, running).within(BOUND).awaitReady();
    runningVersion = running.getMetadata().getResourceVersion();
  }

  /** Gone before the next class starts: a leftover would claim Istio's base for itself. */
  @AfterAll
  void deleteEverything() {
    if (running != null) {
      created.add(running.getMetadata().getName());
    }
    for (String name : created) {
      client.resources(MeshInstallation.class).withName(name).delete();
    }
    await("installations of this class deleted")
        .atMost(BOUND)
        .until(
            () ->
                created.stream()
                    .allMatch(
                        n -> client.resources(MeshInstallation.class).withName(n).get() == null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedAtAdmission")
  void isRefusedAtAdmissionNamingTheField(String what, Map<String, Object> spec, String message) {
    GenericKubernetesResource mesh = installation("refused", spec);

    assertThatThrownBy(
            () ->
                client.resource(mesh).fieldValidation(FieldValidateable.Validation.STRICT).create())
        .as(what)
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isIn(400, 422));
    assertRunningInstallationUntouched();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reportedByTheOperator")
  void isReportedWithAReasonAndAWarningEvent(
      String what, Map<String, Object> spec, String reason, String message) {
    Map<String, Object> resolved = new HashMap<>(spec);
    // Istio's CRDs are the running installation's; without this every case would be a Conflict.
    resolved.putIfAbsent("components", Map.of("base", Map.of("enabled", false)));
    if ("@running".equals(resolved.get("namespace"))) {
      resolved.put("namespace", running.getSpec().getNamespace());
    }
    GenericKubernetesResource mesh = installation("reported", resolved);
    namedAfter(mesh);
    client.resource(mesh).create();
    String name = mesh.getMetadata().getName();
    created.add(name);

    Condition reconciled =
        MeshAssert.of(client, name).within(BOUND).awaitCondition(Conditions.RECONCILED, "False");
    assertThat(reconciled.getReason()).as(what).isEqualTo(reason);
    assertThat(reconciled.getMessage()).as(what).contains(message);
    MeshAssert.of(client, name).within(BOUND).awaitWarningEvent(reason);
    assertRunningInstallationUntouched();
  }

  @org.junit.jupiter.api.Test
  void anInstallationCreatedAmongBadOnesStillReconciles() {
    for (Arguments bad : reportedByTheOperator().toList()) {
      Map<String, Object> spec = new HashMap<>((Map<String, Object>) bad.get()[1]);
      spec.remove("namespace");
      GenericKubernetesResource mesh = installation("bad-neighbour", spec);
      namedAfter(mesh);
      client.resource(mesh).create();
      created.add(mesh.getMetadata().getName());
    }
    // Istio's CRDs are the running installation's: this one leaves them to it.
    MeshInstallation good =
        client
            .resource(
                Installations.of(
                    Installations.uniqueName("after-bad"),
                    spec -> {
                      spec.setProfile(null);
                      spec.getComponents().setBase(new dev.meshoperator.api.v1alpha1.BaseSpec());
                      spec.getComponents().getBase().setEnabled(false);
                    }))
            .create();
    created.add(good.getMetadata().getName());

    MeshAssert.of(client, good).within(BOUND).awaitReady();
    assertRunningInstallationUntouched();
  }

  private void assertRunningInstallationUntouched() {
    MeshInstallation now = MeshAssert.of(client, running).current();
    assertThat(MeshAssert.requireCondition(now, Conditions.READY).getStatus()).isEqualTo("True");
    assertThat(now.getMetadata().getGeneration()).isEqualTo(running.getMetadata().getGeneration());
  }

  private static GenericKubernetesResource installation(String prefix, Map<String, Object> spec) {
    Map<String, Object> withNamespace = new HashMap<>(spec);
    String name = Installations.uniqueName(prefix);
    withNamespace.putIfAbsent("namespace", name);
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("mesh.operator.dev/v1alpha1")
        .withKind("MeshInstallation")
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", withNamespace))
        .build();
  }

  /** Replaces {@code @name} in tag names with the installation's own name. */
  @SuppressWarnings("unchecked")
  private static void namedAfter(GenericKubernetesResource mesh) {
    Map<String, Object> spec = (Map<String, Object>) mesh.getAdditionalProperties().get("spec");
    Object strategy = spec.get("updateStrategy");
    if (strategy instanceof Map<?, ?> s && s.get("tags") instanceof List<?> tags) {
      List<Map<String, Object>> renamed = new ArrayList<>();
      for (Object tag : tags) {
        Map<String, Object> copy = new HashMap<>((Map<String, Object>) tag);
        copy.put(
            "name",
            String.valueOf(copy.get("name")).replace("@name", mesh.getMetadata().getName()));
        renamed.add(copy);
      }
      Map<String, Object> newStrategy = new HashMap<>((Map<String, Object>) s);
      newStrategy.put("tags", renamed);
      spec.put("updateStrategy", newStrategy);
    }
  }

  private static Arguments refused(String what, Map<String, Object> spec, String message) {
    return Arguments.of(what, spec, message);
  }

  private static Arguments reported(
      String what, Map<String, Object> spec, String reason, String message) {
    return Arguments.of(what, spec, reason, message);
  }

  private static Map<String, Object> overlay(String kind, String name, Map<String, Object> patch) {
    return Map.of(
        "overlays", List.of(Map.of("kind", kind, "name", name, "patches", List.of(patch))));
  }

  private static Map<String, Object> patch(String op, String path) {
    return Map.of("op", op, "path", path);
  }

  private static Map<String, Object> values(Map<String, Object> values) {
    return Map.of("values", values);
  }

  private static Map<String, Object> pilot(Map<String, Object> pilot) {
    return Map.of("components", Map.of("pilot", pilot));
  }

  /** One waypoint in namespace shop, with {@code settings} besides. */
  private static Map<String, Object> waypoint(Map<String, Object> settings) {
    Map<String, Object> waypoint = new HashMap<>(settings);
    waypoint.put("namespace", "shop");
    return Map.of("ambient", Map.of("waypoints", List.of(waypoint)));
  }

  private static Map<String, Object> gateway(Map<String, Object> gateway) {
    Map<String, Object> named = new HashMap<>(gateway);
    named.put("name", "istio-ingressgateway");
    return Map.of("components", Map.of("gateways", List.of(named)));
  }

  private static Map<String, Object> strategy(Map<String, Object> strategy) {
    return Map.of("updateStrategy", strategy);
  }
}
