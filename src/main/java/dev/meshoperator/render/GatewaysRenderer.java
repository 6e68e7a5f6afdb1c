package dev.meshoperator.render;

import dev.meshoperator.api.v1alpha1.GatewaySpec;
import dev.meshoperator.plan.GatewayPlan;
import dev.meshoperator.plan.GatewayPlan.GatewayPort;
import dev.meshoperator.plan.MeshPlan;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Ingress and egress gateways as upstream's gateways charts render them for istioctl: a Deployment
 * running proxyv2 as a router (not injected: the pod's spec is complete, so it starts even while
 * the injector is down), its Service, ServiceAccount, the Role that lets it read TLS secrets, and
 * an HPA or PDB when scaling asks for them.
 */
public final class GatewaysRenderer {

  public static final String COMPONENT = "gateway";
  private static final int PROXY_UID = 1337;

  private GatewaysRenderer() {}

  public static List<HasMetadata> render(MeshPlan plan) {
    List<HasMetadata> objects = new ArrayList<>();
    for (GatewayPlan gateway : plan.gateways()) {
      objects.addAll(render(plan, gateway));
    }
    return objects;
  }

  /** The gateway's own labels: its pods' selector, so exactly upstream's. */
  public static Map<String, String> selector(GatewayPlan gateway) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(IstioLabels.APP, gateway.name());
    labels.put(IstioLabels.ISTIO, gateway.istioLabel());
    return labels;
  }

  private static List<HasMetadata> render(MeshPlan plan, GatewayPlan gateway) {
    List<HasMetadata> objects = new ArrayList<>();
    String account = gateway.name() + "-service-account";
    objects.add(
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName(account)
            .withNamespace(gateway.namespace())
            .withLabels(labels(plan, gateway, true))
            .withAnnotations(PodPlacements.accountAnnotations(gateway.pod()))
            .endMetadata()
            .build());
    objects.add(
        new RoleBuilder()
            .withNewMetadata()
            .withName(gateway.name() + "-sds")
            .withNamespace(gateway.namespace())
            .withLabels(labels(plan, gateway, false))
            .endMetadata()
            .addNewRule()
            .withApiGroups("")
            .withResources("secrets")
            .withVerbs("get", "watch", "list")
            .endRule()
            .build());
    objects.add(
        new RoleBindingBuilder()
            .withNewMetadata()
            .withName(gateway.name() + "-sds")
            .withNamespace(gateway.namespace())
            .withLabels(labels(plan, gateway, false))
            .endMetadata()
            .withNewRoleRef()
            .withApiGroup("rbac.authorization.k8s.io")
            .withKind("Role")
            .withName(gateway.name() + "-sds")
            .endRoleRef()
            .addNewSubject()
            .withKind("ServiceAccount")
            .withName(account)
            .endSubject()
            .build());
    objects.add(deployment(plan, gateway, account));
    objects.add(service(plan, gateway));
    if (gateway.autoscale() != null) {
      objects.add(autoscaler(plan, gateway));
    }
    gateway
        .disruptionBudget()
        .ifPresent(
            budget ->
                objects.add(
                    WorkloadParts.disruptionBudget(
                        gateway.name(),
                        gateway.namespace(),
                        labels(plan, gateway, true),
                        selector(gateway),
                        budget)));
    objects.addAll(NetworkPolicies.gateway(plan, gateway));
    return objects;
  }

  /** Labels of the gateway's objects; the selector labels only where upstream adds them. */
  private static Map<String, String> labels(
      MeshPlan plan, GatewayPlan gateway, boolean withSelector) {
    Map<String, String> labels = withSelector ? selector(gateway) : new LinkedHashMap<>();
    labels.put(IstioLabels.REVISION, plan.revision());
    labels.put(IstioLabels.OPERATOR_COMPONENT, operatorComponent(gateway));
    labels.put(IstioLabels.APP_NAME, "istio-" + gateway.kindPrefix());
    return labels;
  }

  private static String operatorComponent(GatewayPlan gateway) {
    return gateway.kind() == GatewaySpec.Kind.INGRESS ? "IngressGateways" : "EgressGateways";
  }

  private static HasMetadata deployment(MeshPlan plan, GatewayPlan gateway, String account) {
    Map<String, String> objectLabels = labels(plan, gateway, true);
    objectLabels.put(IstioLabels.DATAPLANE_MODE, "none");

    Map<String, String> podLabels = selector(gateway);
    podLabels.put("service.istio.io/canonical-name", gateway.name());
    podLabels.put("service.istio.io/canonical-revision", "latest");
    podLabels.put(IstioLabels.REVISION, plan.revision());
    podLabels.put(IstioLabels.OPERATOR_COMPONENT, operatorComponent(gateway));
    podLabels.put(IstioLabels.SIDECAR_INJECT, "false");
    podLabels.put(IstioLabels.APP_NAME, "istio-" + gateway.kindPrefix());
    podLabels.put(IstioLabels.DATAPLANE_MODE, "none");

    Map<String, String> podAnnotations = new LinkedHashMap<>();
    podAnnotations.put(IstioLabels.REVISION, plan.revision());
    if (plan.meshConfig().path("enablePrometheusMerge").asBoolean(true)) {
      podAnnotations.put("prometheus.io/port", "15020");
      podAnnotations.put("prometheus.io/scrape", "true");
      podAnnotations.put("prometheus.io/path", "/stats/prometheus");
    }
    podAnnotations.put(IstioLabels.SIDECAR_INJECT, "false");

    return PodPlacements.placed(
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(gateway.name())
            .withNamespace(gateway.namespace())
            .withLabels(objectLabels)
            .endMetadata()
            .withNewSpec()
            .withReplicas(gateway.autoscale() == null ? gateway.replicas() : null)
            .withNewSelector()
            .withMatchLabels(selector(gateway))
            .endSelector()
            .withNewStrategy()
            .withNewRollingUpdate()
            .withMaxSurge(new IntOrString("100%"))
            .withMaxUnavailable(new IntOrString("25%"))
            .endRollingUpdate()
            .endStrategy()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(podLabels)
            .withAnnotations(podAnnotations)
            .endMetadata()
            .withNewSpec()
            .withNewSecurityContext()
            // OpenShift's restricted SCC assigns each namespace's UIDs itself and refuses others.
            .withRunAsUser(plan.platform().openshift() ? null : (long) PROXY_UID)
            .withRunAsGroup(plan.platform().openshift() ? null : (long) PROXY_UID)
            .withRunAsNonRoot(true)
            .endSecurityContext()
            .withServiceAccountName(account)
            .withImagePullSecrets(WorkloadParts.pullSecrets(plan))
            .withContainers(proxy(plan, gateway))
            .withVolumes(volumes(plan, gateway))
            .withAffinity(affinity(gateway))
            .withTolerations(gateway.tolerations().isEmpty() ? null : gateway.tolerations())
            .endSpec()
            .endTemplate()
            .endSpec()
            .build(),
        gateway.pod());
  }

  private static Container proxy(MeshPlan plan, GatewayPlan gateway) {
    List<ContainerPort> ports = new ArrayList<>();
    for (GatewayPort port : gateway.ports()) {
      ports.add(
          new ContainerPortBuilder()
              .withContainerPort(port.targetPort())
              .withProtocol("TCP")
              .build());
    }
    ports.add(
        new ContainerPortBuilder()
            .withContainerPort(IstioPorts.ENVOY_PROMETHEUS)
            .withProtocol("TCP")
            .withName("http-envoy-prom")
            .build());
    return new ContainerBuilder()
        .withName("istio-proxy")
        .withImage(gateway.image())
        .withPorts(ports)
        .withArgs(
            Stream.concat(
                    Stream.of(
                        "proxy",
                        "router",
                        "--domain",
                        "$(POD_NAMESPACE).svc." + plan.values().clusterDomain(),
                        "--proxyLogLevel=" + plan.values().proxyLogLevel(),
                        "--proxyComponentLogLevel=misc:error"),
                    LogArgs.of(plan.values().logLevel(), plan.values().logAsJson()).stream())
                .toList())
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .withPrivileged(false)
        .withReadOnlyRootFilesystem(true)
        .endSecurityContext()
        .withNewReadinessProbe()
        .withFailureThreshold(30)
        .withNewHttpGet()
        .withPath("/healthz/ready")
        .withPort(new IntOrString(IstioPorts.PROXY_HEALTH))
        .withScheme("HTTP")
        .endHttpGet()
        .withInitialDelaySeconds(1)
        .withPeriodSeconds(2)
        .withSuccessThreshold(1)
        .withTimeoutSeconds(1)
        .endReadinessProbe()
        .withResources(gateway.resources())
        .withEnv(env(plan, gateway))
        .withVolumeMounts(mounts(gateway))
        .build();
  }

  private static List<EnvVar> env(MeshPlan plan, GatewayPlan gateway) {
    List<EnvVar> env = new ArrayList<>();
    env.add(EnvVars.value("PILOT_CERT_PROVIDER", "istiod"));
    env.add(EnvVars.value("CA_ADDR", plan.istiodName() + "." + plan.namespace() + ".svc:15012"));
    env.add(EnvVars.field("NODE_NAME", "spec.nodeName"));
    env.add(EnvVars.field("POD_NAME", "metadata.name"));
    env.add(EnvVars.field("POD_NAMESPACE", "metadata.namespace"));
    env.add(EnvVars.field("INSTANCE_IP", "status.podIP"));
    env.add(EnvVars.field("HOST_IP", "status.hostIP"));
    env.add(EnvVars.resource("ISTIO_CPU_LIMIT", "limits.cpu"));
    env.add(EnvVars.field("SERVICE_ACCOUNT", "spec.serviceAccountName"));
    env.add(EnvVars.value("ISTIO_META_WORKLOAD_NAME", gateway.name()));
    env.add(
        EnvVars.value(
            "ISTIO_META_OWNER",
            "kubernetes://apis/apps/v1/namespaces/"
                + gateway.namespace()
                + "/deployments/"
                + gateway.name()));
    String trustDomain = plan.meshConfig().path("trustDomain").asText("");
    String meshId = plan.values().meshId().isEmpty() ? trustDomain : plan.values().meshId();
    if (!meshId.isEmpty()) {
      env.add(EnvVars.value("ISTIO_META_MESH_ID", meshId));
    }
    if (!trustDomain.isEmpty()) {
      env.add(EnvVars.value("TRUST_DOMAIN", trustDomain));
    }
    env.add(EnvVars.value("ISTIO_META_UNPRIVILEGED_POD", "true"));
    gateway.env().forEach((name, value) -> env.add(EnvVars.value(name, value)));
    if (!plan.values().network().isEmpty() && !gateway.env().containsKey("ISTIO_META_NETWORK")) {
      env.add(EnvVars.value("ISTIO_META_NETWORK", plan.values().network()));
    }
    env.add(EnvVars.value("ISTIO_META_CLUSTER_ID", plan.values().clusterId()));
    env.add(EnvVars.field("ISTIO_META_NODE_NAME", "spec.nodeName"));
    return env;
  }

  private static List<VolumeMount> mounts(GatewayPlan gateway) {
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(mount("workload-socket", "/var/run/secrets/workload-spiffe-uds", false));
    mounts.add(mount("credential-socket", "/var/run/secrets/credential-uds", false));
    mounts.add(mount("workload-certs", "/var/run/secrets/workload-spiffe-credentials", false));
    mounts.add(mount("istio-envoy", "/etc/istio/proxy", false));
    mounts.add(mount("config-volume", "/etc/istio/config", false));
    mounts.add(mount("istiod-ca-cert", "/var/run/secrets/istio", false));
    mounts.add(mount("istio-token", "/var/run/secrets/tokens", true));
    mounts.add(mount("istio-data", "/var/lib/istio/data", false));
    mounts.add(mount("podinfo", "/etc/istio/pod", false));
    for (String suffix : List.of("certs", "ca-certs")) {
      String name = gateway.kindPrefix() + "-" + suffix;
      mounts.add(mount(name, "/etc/istio/" + name, true));
    }
    return mounts;
  }

  private static List<Volume> volumes(MeshPlan plan, GatewayPlan gateway) {
    List<Volume> volumes = new ArrayList<>();
    for (String name : List.of("workload-socket", "credential-socket", "workload-certs")) {
      volumes.add(new VolumeBuilder().withName(name).withNewEmptyDir().endEmptyDir().build());
    }
    volumes.add(
        new VolumeBuilder()
            .withName("istiod-ca-cert")
            .withNewConfigMap()
            .withName("istio-ca-root-cert")
            .endConfigMap()
            .build());
    // apiVersion as the API server defaults it: the items are an atomic list, so one defaulted
    // field would make every reconcile see a difference and apply the Deployment again.
    volumes.add(
        new VolumeBuilder()
            .withName("podinfo")
            .withNewDownwardAPI()
            .addNewItem()
            .withPath("labels")
            .withNewFieldRef()
            .withApiVersion("v1")
            .withFieldPath("metadata.labels")
            .endFieldRef()
            .endItem()
            .addNewItem()
            .withPath("annotations")
            .withNewFieldRef()
            .withApiVersion("v1")
            .withFieldPath("metadata.annotations")
            .endFieldRef()
            .endItem()
            .endDownwardAPI()
            .build());
    volumes.add(
        new VolumeBuilder().withName("istio-envoy").withNewEmptyDir().endEmptyDir().build());
    volumes.add(new VolumeBuilder().withName("istio-data").withNewEmptyDir().endEmptyDir().build());
    volumes.add(WorkloadParts.istioToken());
    volumes.add(
        new VolumeBuilder()
            .withName("config-volume")
            .withNewConfigMap()
            .withName("istio" + plan.revisionSuffix())
            .withOptional(true)
            .endConfigMap()
            .build());
    for (String suffix : List.of("certs", "ca-certs")) {
      volumes.add(
          new VolumeBuilder()
              .withName(gateway.kindPrefix() + "-" + suffix)
              .withNewSecret()
              .withSecretName("istio-" + gateway.kindPrefix() + "-" + suffix)
              .withOptional(true)
              .endSecret()
              .build());
    }
    return volumes;
  }

  /** Upstream turns the node selector into required node affinity rather than nodeSelector. */
  private static Affinity affinity(GatewayPlan gateway) {
    if (gateway.nodeSelector().isEmpty()) {
      return null;
    }
    return new AffinityBuilder()
        .withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .addNewNodeSelectorTerm()
        .withMatchExpressions(
            gateway.nodeSelector().entrySet().stream()
                .map(
                    e ->
                        new NodeSelectorRequirementBuilder()
                            .withKey(e.getKey())
                            .withOperator("In")
                            .withValues(e.getValue())
                            .build())
                .toList())
        .endNodeSelectorTerm()
        .endRequiredDuringSchedulingIgnoredDuringExecution()
        .endNodeAffinity()
        .build();
  }

  private static HasMetadata service(MeshPlan plan, GatewayPlan gateway) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(gateway.name())
        .withNamespace(gateway.namespace())
        .withLabels(labels(plan, gateway, true))
        .withAnnotations(
            gateway.service().annotations().isEmpty() ? null : gateway.service().annotations())
        .endMetadata()
        .withNewSpec()
        .withType(gateway.service().type().name())
        .withLoadBalancerIP(gateway.service().loadBalancerIP())
        .withLoadBalancerClass(gateway.service().loadBalancerClass())
        .withExternalTrafficPolicy(gateway.service().externalTrafficPolicy())
        .withSelector(selector(gateway))
        .withPorts(
            gateway.ports().stream()
                .map(
                    p ->
                        new ServicePortBuilder()
                            .withName(p.name())
                            .withPort(p.port())
                            .withProtocol("TCP")
                            .withTargetPort(new IntOrString(p.targetPort()))
                            .build())
                .toList())
        .endSpec()
        .build();
  }

  private static HasMetadata autoscaler(MeshPlan plan, GatewayPlan gateway) {
    return WorkloadParts.cpuAutoscaler(
        gateway.name(), gateway.namespace(), labels(plan, gateway, true), gateway.autoscale());
  }

  private static VolumeMount mount(String name, String path, boolean readOnly) {
    return WorkloadParts.mount(name, path, readOnly);
  }
}
