package dev.meshoperator.render;

import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.plan.NodeAgentPlan;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ztunnel, ambient mode's per-node L4 proxy: mTLS and HBONE tunnelling for every enrolled pod on
 * its node, with certificates istiod issues on the pods' behalf.
 */
public final class ZtunnelRenderer {

  public static final String COMPONENT = "ztunnel";
  public static final String NAME = "ztunnel";

  private ZtunnelRenderer() {}

  public static List<HasMetadata> render(MeshPlan plan) {
    if (plan.ztunnel().isEmpty()) {
      return List.of();
    }
    NodeAgentPlan ztunnel = plan.ztunnel().get();
    String istiod = plan.istiodName() + "." + plan.namespace() + ".svc:" + IstioPorts.TLS_XDS;

    List<EnvVar> env = new ArrayList<>();
    env.add(EnvVars.value("CA_ADDRESS", istiod));
    env.add(EnvVars.value("XDS_ADDRESS", istiod));
    if (plan.values().logAsJson()) {
      env.add(EnvVars.value("LOG_FORMAT", "json"));
    }
    // Tuning the chart defaults: the user's env, added last, wins.
    if (!ztunnel.env().containsKey("RUST_LOG")) {
      env.add(EnvVars.value("RUST_LOG", "info"));
    }
    if (!ztunnel.env().containsKey("RUST_BACKTRACE")) {
      env.add(EnvVars.value("RUST_BACKTRACE", "1"));
    }
    if (!plan.values().network().isEmpty()) {
      env.add(EnvVars.value("NETWORK", plan.values().network()));
    }
    env.add(EnvVars.value("ISTIO_META_CLUSTER_ID", plan.values().clusterId()));
    env.add(EnvVars.value("INPOD_ENABLED", "true"));
    if (!ztunnel.env().containsKey("TERMINATION_GRACE_PERIOD_SECONDS")) {
      env.add(EnvVars.value("TERMINATION_GRACE_PERIOD_SECONDS", "30"));
    }
    env.add(EnvVars.field("POD_NAME", "metadata.name"));
    env.add(EnvVars.field("POD_NAMESPACE", "metadata.namespace"));
    env.add(EnvVars.field("NODE_NAME", "spec.nodeName"));
    env.add(EnvVars.field("INSTANCE_IP", "status.podIP"));
    env.add(EnvVars.field("SERVICE_ACCOUNT", "spec.serviceAccountName"));
    env.add(EnvVars.resource("ZTUNNEL_CPU_LIMIT", "limits.cpu"));
    // ztunnel sizes its workers by the CPU it was given (1.31's chart; earlier ztunnels ignore it).
    if (hasCpu(ztunnel.resources().getLimits())) {
      env.add(EnvVars.resource("ZTUNNEL_RESOURCE_CPU_LIMIT", "limits.cpu"));
    }
    if (hasCpu(ztunnel.resources().getRequests())) {
      env.add(EnvVars.resource("ZTUNNEL_RESOURCE_CPU_REQUEST", "requests.cpu"));
    }
    ztunnel.env().forEach((name, value) -> env.add(EnvVars.value(name, value)));

    List<HasMetadata> objects = new ArrayList<>();
    objects.add(
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName(NAME)
            .withNamespace(plan.nodeAgentNamespace())
            .addToLabels(IstioLabels.APP, NAME)
            .addToLabels(IstioLabels.APP_NAME, NAME)
            .withAnnotations(PodPlacements.accountAnnotations(ztunnel.pod()))
            .endMetadata()
            .build());
    objects.add(
        PodPlacements.placed(
            new DaemonSetBuilder()
                .withNewMetadata()
                .withName(NAME)
                .withNamespace(plan.nodeAgentNamespace())
                .addToLabels(IstioLabels.APP_NAME, NAME)
                .endMetadata()
                .withNewSpec()
                .withNewUpdateStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                // A new ztunnel starts beside the old one on each node, so traffic never stops.
                .withMaxSurge(new IntOrString(1))
                .withMaxUnavailable(new IntOrString(0))
                .endRollingUpdate()
                .endUpdateStrategy()
                .withNewSelector()
                .addToMatchLabels(IstioLabels.APP, NAME)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels(IstioLabels.SIDECAR_INJECT, "false")
                .addToLabels(IstioLabels.DATAPLANE_MODE, "none")
                .addToLabels(IstioLabels.APP, NAME)
                .addToLabels(IstioLabels.APP_NAME, NAME)
                .addToAnnotations(IstioLabels.SIDECAR_INJECT, "false")
                .addToAnnotations("prometheus.io/port", "15020")
                .addToAnnotations("prometheus.io/scrape", "true")
                .endMetadata()
                .withNewSpec()
                .withNodeSelector(NodeAgents.nodeSelector(ztunnel.nodeSelector()))
                .withServiceAccountName(NAME)
                .withImagePullSecrets(WorkloadParts.pullSecrets(plan))
                .withTolerations(NodeAgents.tolerations(ztunnel.tolerations()))
                .addNewContainer()
                .withName("istio-proxy")
                .withImage(ztunnel.image())
                .addNewPort()
                .withContainerPort(15020)
                .withName("ztunnel-stats")
                .withProtocol("TCP")
                .endPort()
                .withResources(ztunnel.resources())
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(true)
                .withPrivileged(false)
                .withNewCapabilities()
                .withDrop("ALL")
                // TPROXY and setsockopt, entering pods' network namespaces, raw sockets.
                .withAdd("NET_ADMIN", "SYS_ADMIN", "NET_RAW")
                .endCapabilities()
                .withReadOnlyRootFilesystem(true)
                .withRunAsGroup(1337L)
                .withRunAsNonRoot(false)
                .withRunAsUser(0L)
                .withSeLinuxOptions(NodeAgents.seLinux(plan.platform()))
                .endSecurityContext()
                .withNewReadinessProbe()
                .withNewHttpGet()
                .withPort(new IntOrString(15021))
                .withPath("/healthz/ready")
                .endHttpGet()
                .endReadinessProbe()
                .withArgs("proxy", "ztunnel")
                .withEnv(env)
                .addNewVolumeMount()
                .withMountPath("/var/run/secrets/istio")
                .withName("istiod-ca-cert")
                .endVolumeMount()
                .addNewVolumeMount()
                .withMountPath("/var/run/secrets/tokens")
                .withName("istio-token")
                .endVolumeMount()
                .addNewVolumeMount()
                .withMountPath(NodeAgents.ZTUNNEL_SOCKET_DIR)
                .withName("cni-ztunnel-sock-dir")
                .endVolumeMount()
                .addNewVolumeMount()
                .withMountPath("/tmp")
                .withName("tmp")
                .endVolumeMount()
                .endContainer()
                .withPriorityClassName(NodeAgents.PRIORITY_CLASS)
                .withTerminationGracePeriodSeconds(30L)
                .withVolumes(
                    WorkloadParts.istioToken(),
                    new VolumeBuilder()
                        .withName("istiod-ca-cert")
                        .withNewConfigMap()
                        .withName("istio-ca-root-cert")
                        .endConfigMap()
                        .build(),
                    NodeAgents.hostPath(
                        "cni-ztunnel-sock-dir", NodeAgents.ZTUNNEL_SOCKET_DIR, "DirectoryOrCreate"),
                    new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build(),
            ztunnel.pod()));
    if (plan.platform().openshift()) {
      objects.add(RbacObjects.clusterRole(NAME, NAME, List.of(NodeAgents.privilegedScc())));
      objects.add(
          RbacObjects.clusterRoleBinding(NAME, NAME, NAME, NAME, plan.nodeAgentNamespace()));
    }
    objects.addAll(NetworkPolicies.ztunnel(plan));
    if (plan.platform().nodeAgentQuota()) {
      objects.add(NodeAgents.resourceQuota(NAME, plan.nodeAgentNamespace(), NAME));
    }
    return objects;
  }

  private static boolean hasCpu(Map<String, Quantity> resources) {
    return resources != null && resources.containsKey("cpu");
  }
}
