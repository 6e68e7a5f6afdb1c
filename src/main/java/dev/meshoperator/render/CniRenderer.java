package dev.meshoperator.render;

import static dev.meshoperator.render.RbacObjects.rule;

import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.plan.NodeAgentPlan;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The istio-cni node agent: installs Istio's CNI plugin on every node, repairs pods that started
 * before it, and in ambient mode redirects enrolled pods' traffic to ztunnel from inside each pod's
 * network namespace.
 */
public final class CniRenderer {

  public static final String COMPONENT = "cni";
  static final String NAME = "istio-cni";
  public static final String DAEMONSET = NAME + "-node";

  /** Where the multus network of istio-cni lives on OpenShift; the sidecar template names it. */
  static final String MULTUS_NETWORK_NAMESPACE = "default";

  /** Which pods the agent captures in ambient mode, as upstream configures it. */
  private static final String AMBIENT_ENABLEMENT_SELECTOR =
      String.join(
          "\n",
          "- podSelector:",
          "    matchLabels:",
          "      istio.io/dataplane-mode: ambient",
          "- namespaceSelector:",
          "    matchLabels:",
          "      istio.io/dataplane-mode: ambient",
          "  podSelector:",
          "    matchExpressions:",
          "    - key: istio.io/dataplane-mode",
          "      operator: NotIn",
          "      values:",
          "      - none",
          "");

  private CniRenderer() {}

  public static List<HasMetadata> render(MeshPlan plan) {
    if (plan.cni().isEmpty()) {
      return List.of();
    }
    NodeAgentPlan cni = plan.cni().get();
    boolean ambient = Boolean.parseBoolean(cni.settings().get("AMBIENT_ENABLED"));
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName(NAME)
            .withNamespace(plan.nodeAgentNamespace())
            .withLabels(labels(plan))
            .withAnnotations(PodPlacements.accountAnnotations(cni.pod()))
            .endMetadata()
            .build());
    objects.add(configMap(plan, cni));
    grant(objects, plan, NAME, NAME, agentRules(plan));
    grant(
        objects,
        plan,
        NAME + "-repair-role",
        NAME + "-repair-rolebinding",
        rule("", List.of("events"), List.of("create", "patch")),
        rule("", List.of("pods"), List.of("watch", "get", "list")));
    if (ambient) {
      grant(
          objects,
          plan,
          NAME + "-ambient",
          NAME + "-ambient",
          rule("", List.of("pods/status"), List.of("patch", "update")),
          new PolicyRuleBuilder()
              .withApiGroups("apps")
              .withResources("daemonsets")
              .withResourceNames(DAEMONSET)
              .withVerbs("get")
              .build());
    }
    objects.add(daemonSet(plan, cni, ambient));
    if (plan.platform().openshift()) {
      objects.add(multusNetwork(plan));
    }
    objects.addAll(NetworkPolicies.cni(plan));
    if (plan.platform().nodeAgentQuota()) {
      objects.add(
          NodeAgents.resourceQuota(NAME + "-resource-quota", plan.nodeAgentNamespace(), NAME));
    }
    return objects;
  }

  /** The agent reads pods, nodes and namespaces; on OpenShift it also uses the privileged SCC. */
  private static PolicyRule[] agentRules(MeshPlan plan) {
    List<PolicyRule> rules = new ArrayList<>();
    rules.add(rule("", List.of("pods", "nodes", "namespaces"), List.of("get", "list", "watch")));
    if (plan.platform().openshift()) {
      rules.add(NodeAgents.privilegedScc());
    }
    return rules.toArray(PolicyRule[]::new);
  }

  /**
   * The multus network injected pods join on OpenShift (the sidecar template names it): with it,
   * multus runs istio-cni's plugin for each of them. In {@code default}, as upstream's chart puts
   * it, so that pods of every namespace can name it.
   */
  private static HasMetadata multusNetwork(MeshPlan plan) {
    NetworkAttachmentDefinition network = new NetworkAttachmentDefinition();
    network.setMetadata(
        new ObjectMetaBuilder()
            .withName(NAME)
            .withNamespace(MULTUS_NETWORK_NAMESPACE)
            .withLabels(labels(plan))
            .build());
    return network;
  }

  private static HasMetadata configMap(MeshPlan plan, NodeAgentPlan cni) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("CURRENT_AGENT_VERSION", cni.settings().get("CURRENT_AGENT_VERSION"));
    data.put("AMBIENT_ENABLED", cni.settings().get("AMBIENT_ENABLED"));
    data.put("AMBIENT_ENABLEMENT_SELECTOR", AMBIENT_ENABLEMENT_SELECTOR);
    data.put("AMBIENT_DNS_CAPTURE", cni.settings().get("AMBIENT_DNS_CAPTURE"));
    data.put("AMBIENT_IPV6", cni.settings().get("AMBIENT_IPV6"));
    data.put(
        "AMBIENT_RECONCILE_POD_RULES_ON_STARTUP",
        cni.settings().get("AMBIENT_RECONCILE_POD_RULES_ON_STARTUP"));
    data.put("ENABLE_AMBIENT_DETECTION_RETRY", "false");
    if (plan.platform().cniConfFileName() != null) {
      data.put("CNI_CONF_NAME", plan.platform().cniConfFileName());
    }
    data.put("ISTIO_OWNED_CNI_CONFIG", "false");
    data.put("CHAINED_CNI_PLUGIN", Boolean.toString(plan.platform().chained()));
    data.put("EXCLUDE_NAMESPACES", "kube-system");
    data.put("REPAIR_ENABLED", "true");
    data.put("REPAIR_LABEL_PODS", "false");
    data.put("REPAIR_DELETE_PODS", "false");
    data.put("REPAIR_REPAIR_PODS", "true");
    data.put("REPAIR_INIT_CONTAINER_NAME", "istio-validation");
    data.put("REPAIR_BROKEN_POD_LABEL_KEY", "cni.istio.io/uninitialized");
    data.put("REPAIR_BROKEN_POD_LABEL_VALUE", "true");
    data.put("NATIVE_NFTABLES", "false");
    data.putAll(cni.env());
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(NAME + "-config")
        .withNamespace(plan.nodeAgentNamespace())
        .withLabels(labels(plan))
        .endMetadata()
        .withData(data)
        .build();
  }

  private static HasMetadata daemonSet(MeshPlan plan, NodeAgentPlan cni, boolean ambient) {
    Map<String, String> podLabels = new LinkedHashMap<>();
    podLabels.put("k8s-app", DAEMONSET);
    podLabels.put(IstioLabels.SIDECAR_INJECT, "false");
    podLabels.put(IstioLabels.DATAPLANE_MODE, "none");
    podLabels.put(IstioLabels.APP_NAME, NAME);

    List<EnvVar> env = new ArrayList<>();
    env.add(EnvVars.field("REPAIR_NODE_NAME", "spec.nodeName"));
    env.add(EnvVars.value("REPAIR_RUN_AS_DAEMON", "true"));
    env.add(EnvVars.value("REPAIR_SIDECAR_ANNOTATION", "sidecar.istio.io/status"));
    if (!cni.hostNetwork()) {
      env.add(EnvVars.value("ALLOW_SWITCH_TO_HOST_NS", "true"));
    }
    env.add(EnvVars.field("NODE_NAME", "spec.nodeName"));
    env.add(EnvVars.resource("GOMEMLIMIT", "limits.memory"));
    env.add(EnvVars.resource("GOMAXPROCS", "limits.cpu"));
    env.add(EnvVars.field("POD_NAME", "metadata.name"));
    env.add(EnvVars.field("POD_NAMESPACE", "metadata.namespace"));

    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(mount("cni-bin-dir", "/host/opt/cni/bin", null));
    mounts.add(
        new VolumeMountBuilder()
            .withName("cni-host-procfs")
            .withMountPath("/host/proc")
            .withReadOnly(true)
            .build());
    mounts.add(mount("cni-net-dir", "/host/etc/cni/net.d", null));
    mounts.add(mount("cni-socket-dir", "/var/run/istio-cni", null));
    if (ambient) {
      mounts.add(mount("cni-netns-dir", "/host/var/run/netns", "HostToContainer"));
      mounts.add(mount("cni-ztunnel-sock-dir", NodeAgents.ZTUNNEL_SOCKET_DIR, null));
    }

    var volumes = new ArrayList<Volume>();
    volumes.add(NodeAgents.hostPath("cni-bin-dir", plan.platform().cniBinDir(), null));
    volumes.add(NodeAgents.hostPath("cni-host-procfs", "/proc", "Directory"));
    if (ambient) {
      volumes.add(
          NodeAgents.hostPath(
              "cni-ztunnel-sock-dir", NodeAgents.ZTUNNEL_SOCKET_DIR, "DirectoryOrCreate"));
    }
    volumes.add(NodeAgents.hostPath("cni-net-dir", plan.platform().cniConfDir(), null));
    volumes.add(NodeAgents.hostPath("cni-socket-dir", "/var/run/istio-cni", null));
    volumes.add(
        NodeAgents.hostPath("cni-netns-dir", plan.platform().cniNetnsDir(), "DirectoryOrCreate"));

    return PodPlacements.placed(
        new DaemonSetBuilder()
            .withNewMetadata()
            .withName(DAEMONSET)
            .withNamespace(plan.nodeAgentNamespace())
            .addToLabels("k8s-app", DAEMONSET)
            .addToLabels(IstioLabels.REVISION, plan.revision())
            .addToLabels(IstioLabels.OPERATOR_COMPONENT, "Cni")
            .addToLabels(IstioLabels.APP_NAME, NAME)
            .endMetadata()
            .withNewSpec()
            .withNewSelector()
            .addToMatchLabels("k8s-app", DAEMONSET)
            .endSelector()
            .withNewUpdateStrategy()
            .withType("RollingUpdate")
            .withNewRollingUpdate()
            .withMaxUnavailable(new IntOrString(1))
            .endRollingUpdate()
            .endUpdateStrategy()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(podLabels)
            .addToAnnotations(IstioLabels.SIDECAR_INJECT, "false")
            .addToAnnotations("prometheus.io/scrape", "true")
            .addToAnnotations("prometheus.io/port", "15014")
            .addToAnnotations("prometheus.io/path", "/metrics")
            .addToAnnotations(
                "container.apparmor.security.beta.kubernetes.io/install-cni", "unconfined")
            .endMetadata()
            .withNewSpec()
            .withHostNetwork(cni.hostNetwork() ? true : null)
            .withDnsPolicy(cni.hostNetwork() ? "ClusterFirstWithHostNet" : null)
            .withNodeSelector(NodeAgents.nodeSelector(cni.nodeSelector()))
            .withTolerations(NodeAgents.tolerations(cni.tolerations()))
            .withPriorityClassName(NodeAgents.PRIORITY_CLASS)
            .withServiceAccountName(NAME)
            .withImagePullSecrets(WorkloadParts.pullSecrets(plan))
            .withTerminationGracePeriodSeconds(30L)
            .addNewContainer()
            .withName("install-cni")
            .withImage(cni.image())
            .addNewPort()
            .withContainerPort(15014)
            .withName("metrics")
            .withProtocol("TCP")
            .endPort()
            .withNewReadinessProbe()
            .withNewHttpGet()
            .withPath("/readyz")
            .withPort(new IntOrString(8000))
            .endHttpGet()
            .endReadinessProbe()
            .withNewSecurityContext()
            .withPrivileged(false)
            .withRunAsGroup(0L)
            .withRunAsUser(0L)
            .withRunAsNonRoot(false)
            .withNewCapabilities()
            .withDrop("ALL")
            .withAdd("NET_ADMIN", "NET_RAW", "SYS_PTRACE", "SYS_ADMIN", "DAC_OVERRIDE")
            .endCapabilities()
            .withSeLinuxOptions(NodeAgents.seLinux(plan.platform()))
            .endSecurityContext()
            .withCommand("install-cni")
            .withArgs(LogArgs.of(plan.values().cniLogLevel(), plan.values().logAsJson()))
            .addNewEnvFrom()
            .withNewConfigMapRef()
            .withName(NAME + "-config")
            .endConfigMapRef()
            .endEnvFrom()
            .withEnv(env)
            .withVolumeMounts(mounts)
            .withResources(cni.resources())
            .endContainer()
            .withVolumes(volumes)
            .endSpec()
            .endTemplate()
            .endSpec()
            .build(),
        cni.pod());
  }

  private static Map<String, String> labels(MeshPlan plan) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(IstioLabels.APP, NAME);
    labels.put(IstioLabels.REVISION, plan.revision());
    labels.put(IstioLabels.OPERATOR_COMPONENT, "Cni");
    labels.put(IstioLabels.APP_NAME, NAME);
    return labels;
  }

  /** A ClusterRole for the agent's ServiceAccount and the binding that grants it. */
  private static void grant(
      List<HasMetadata> into, MeshPlan plan, String role, String binding, PolicyRule... rules) {
    into.add(RbacObjects.clusterRole(role, NAME, List.of(rules)));
    into.add(RbacObjects.clusterRoleBinding(binding, role, NAME, NAME, plan.nodeAgentNamespace()));
  }

  private static VolumeMount mount(String name, String path, String propagation) {
    return new VolumeMountBuilder()
        .withName(name)
        .withMountPath(path)
        .withMountPropagation(propagation)
        .build();
  }
}
