package dev.meshoperator.render;

import dev.meshoperator.plan.Autoscale;
import dev.meshoperator.plan.IstiodPlan;
import dev.meshoperator.plan.MeshPlan;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** istiod's Deployment and what runs beside it: ServiceAccount, Service, PDB and HPA. */
final class IstiodWorkload {

  /** Taint istio-cni puts on nodes until it is ready; istiod must run regardless. */
  private static final String CNI_NOT_READY_TAINT = "cni.istio.io/not-ready";

  private IstiodWorkload() {}

  static List<HasMetadata> render(MeshPlan plan, IstiodPlan istiod) {
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName(plan.istiodName())
            .withNamespace(plan.namespace())
            .addToLabels(IstioLabels.APP, "istiod")
            .addToLabels(IstioLabels.APP_NAME, "istiod")
            .withAnnotations(PodPlacements.accountAnnotations(istiod.pod()))
            .endMetadata()
            .build());
    objects.add(deployment(plan, istiod));
    objects.add(service(plan));
    istiod
        .disruptionBudget()
        .ifPresent(
            budget ->
                objects.add(
                    WorkloadParts.disruptionBudget(
                        plan.istiodName(),
                        plan.namespace(),
                        objectLabels(plan),
                        selector(plan),
                        budget)));
    if (istiod.autoscale() != null) {
      objects.add(autoscaler(plan, istiod.autoscale()));
    }
    objects.addAll(NetworkPolicies.istiod(plan));
    return objects;
  }

  /** The Deployment's selector: immutable, so it is exactly upstream's, per revision. */
  static Map<String, String> selector(MeshPlan plan) {
    return plan.isDefaultRevision()
        ? ordered(IstioLabels.ISTIO, "pilot")
        : ordered(IstioLabels.APP, "istiod", IstioLabels.REVISION, plan.revision());
  }

  private static Map<String, String> objectLabels(MeshPlan plan) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(IstioLabels.APP, "istiod");
    labels.put(IstioLabels.REVISION, plan.revision());
    labels.put(IstioLabels.OPERATOR_COMPONENT, "Pilot");
    labels.put(IstioLabels.ISTIO, "pilot");
    labels.put(IstioLabels.APP_NAME, "istiod");
    return labels;
  }

  private static HasMetadata deployment(MeshPlan plan, IstiodPlan istiod) {
    Map<String, String> podLabels = new LinkedHashMap<>();
    podLabels.put(IstioLabels.APP, "istiod");
    podLabels.put(IstioLabels.REVISION, plan.revision());
    podLabels.put(IstioLabels.SIDECAR_INJECT, "false");
    podLabels.put(IstioLabels.OPERATOR_COMPONENT, "Pilot");
    podLabels.put(IstioLabels.ISTIO, plan.isDefaultRevision() ? "pilot" : "istiod");
    podLabels.put(IstioLabels.DATAPLANE_MODE, "none");
    podLabels.put(IstioLabels.APP_NAME, "istiod");

    List<Toleration> tolerations = new ArrayList<>();
    tolerations.add(
        new TolerationBuilder().withKey(CNI_NOT_READY_TAINT).withOperator("Exists").build());
    tolerations.addAll(istiod.tolerations());

    return PodPlacements.placed(
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(plan.istiodName())
            .withNamespace(plan.namespace())
            .withLabels(objectLabels(plan))
            .endMetadata()
            .withNewSpec()
            .withReplicas(istiod.replicas())
            .withNewStrategy()
            .withNewRollingUpdate()
            .withMaxSurge(new IntOrString("100%"))
            .withMaxUnavailable(new IntOrString("25%"))
            .endRollingUpdate()
            .endStrategy()
            .withNewSelector()
            .withMatchLabels(selector(plan))
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(podLabels)
            .addToAnnotations("prometheus.io/port", Integer.toString(IstioPorts.MONITORING))
            .addToAnnotations("prometheus.io/scrape", "true")
            .addToAnnotations(IstioLabels.SIDECAR_INJECT, "false")
            .endMetadata()
            .withNewSpec()
            .withNodeSelector(istiod.nodeSelector().isEmpty() ? null : istiod.nodeSelector())
            .withTolerations(tolerations)
            .withServiceAccountName(plan.istiodName())
            .withImagePullSecrets(WorkloadParts.pullSecrets(plan))
            .withContainers(discovery(plan, istiod))
            .withVolumes(Stream.concat(volumes().stream(), istiod.volumes().stream()).toList())
            .endSpec()
            .endTemplate()
            .endSpec()
            .build(),
        istiod.pod());
  }

  private static Container discovery(MeshPlan plan, IstiodPlan istiod) {
    return new ContainerBuilder()
        .withName("discovery")
        .withImage(istiod.image())
        .withArgs(
            Stream.of(
                    Stream.of("discovery", "--monitoringAddr=:" + IstioPorts.MONITORING),
                    LogArgs.of(plan.values().logLevel(), plan.values().logAsJson()).stream(),
                    Stream.of(
                        "--domain",
                        plan.values().clusterDomain(),
                        "--keepaliveMaxServerConnectionAge",
                        "30m"))
                .flatMap(s -> s)
                .toList())
        .addNewPort()
        .withContainerPort(IstioPorts.HTTP_DEBUG)
        .withProtocol("TCP")
        .withName("http-debug")
        .endPort()
        .addNewPort()
        .withContainerPort(IstioPorts.GRPC_XDS)
        .withProtocol("TCP")
        .withName("grpc-xds")
        .endPort()
        .addNewPort()
        .withContainerPort(IstioPorts.TLS_XDS)
        .withProtocol("TCP")
        .withName("tls-xds")
        .endPort()
        .addNewPort()
        .withContainerPort(IstioPorts.WEBHOOKS)
        .withProtocol("TCP")
        .withName("https-webhooks")
        .endPort()
        .addNewPort()
        .withContainerPort(IstioPorts.MONITORING)
        .withProtocol("TCP")
        .withName("http-monitoring")
        .endPort()
        .withNewReadinessProbe()
        .withNewHttpGet()
        .withPath("/ready")
        .withPort(new IntOrString(IstioPorts.HTTP_DEBUG))
        .endHttpGet()
        .withInitialDelaySeconds(1)
        .withPeriodSeconds(3)
        .withTimeoutSeconds(5)
        .endReadinessProbe()
        .withEnv(env(plan, istiod))
        .withResources(istiod.resources())
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .withVolumeMounts(
            Stream.concat(volumeMounts().stream(), istiod.volumeMounts().stream()).toList())
        // OpenShift's console shows a crashed container's last log lines this way, as upstream's
        // platform profile asks.
        .withTerminationMessagePolicy(plan.platform().openshift() ? "FallbackToLogsOnError" : null)
        .build();
  }

  private static List<EnvVar> env(MeshPlan plan, IstiodPlan istiod) {
    List<EnvVar> env = new ArrayList<>();
    env.add(EnvVars.value("REVISION", plan.revision()));
    env.add(EnvVars.value("PILOT_CERT_PROVIDER", "istiod"));
    env.add(EnvVars.field("POD_NAME", "metadata.name"));
    env.add(EnvVars.field("POD_NAMESPACE", "metadata.namespace"));
    env.add(EnvVars.field("SERVICE_ACCOUNT", "spec.serviceAccountName"));
    env.add(EnvVars.value("KUBECONFIG", "/var/run/secrets/remote/config"));
    if (!istiod.env().containsKey("CA_TRUSTED_NODE_ACCOUNTS")) {
      // ztunnel asks istiod for certificates on behalf of the pods on its node.
      env.add(
          EnvVars.value(
              "CA_TRUSTED_NODE_ACCOUNTS", plan.nodeAgentNamespace() + "/" + ZtunnelRenderer.NAME));
    }
    istiod.env().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> env.add(EnvVars.value(e.getKey(), e.getValue())));
    // Tuning the chart defaults: the user's env, added above, wins.
    if (!istiod.env().containsKey("PILOT_TRACE_SAMPLING")) {
      env.add(EnvVars.value("PILOT_TRACE_SAMPLING", istiod.traceSampling()));
    }
    if (!istiod.env().containsKey("PILOT_ENABLE_ANALYSIS")) {
      env.add(EnvVars.value("PILOT_ENABLE_ANALYSIS", "false"));
    }
    env.add(EnvVars.value("CLUSTER_ID", plan.values().clusterId()));
    if (!istiod.env().containsKey("GOMAXPROCS")) {
      env.add(EnvVars.resource("GOMAXPROCS", "limits.cpu"));
    }
    env.add(EnvVars.value("PLATFORM", plan.platform().openshift() ? "openshift" : ""));
    return env;
  }

  private static List<VolumeMount> volumeMounts() {
    return List.of(
        mount("istio-token", "/var/run/secrets/tokens", true),
        mount("local-certs", "/var/run/secrets/istio-dns", false),
        mount("cacerts", "/etc/cacerts", true),
        mount("istio-kubeconfig", "/var/run/secrets/remote", true),
        mount("istio-csr-dns-cert", "/var/run/secrets/istiod/tls", true),
        mount("istio-csr-ca-configmap", "/var/run/secrets/istiod/ca", true));
  }

  private static List<Volume> volumes() {
    return List.of(
        new VolumeBuilder()
            .withName("local-certs")
            .withNewEmptyDir()
            .withMedium("Memory")
            .endEmptyDir()
            .build(),
        WorkloadParts.istioToken(),
        // Optional: a user-provided root CA (plug-in certificates).
        new VolumeBuilder()
            .withName("cacerts")
            .withNewSecret()
            .withSecretName("cacerts")
            .withOptional(true)
            .endSecret()
            .build(),
        new VolumeBuilder()
            .withName("istio-kubeconfig")
            .withNewSecret()
            .withSecretName("istio-kubeconfig")
            .withOptional(true)
            .endSecret()
            .build(),
        new VolumeBuilder()
            .withName("istio-csr-dns-cert")
            .withNewSecret()
            .withSecretName("istiod-tls")
            .withOptional(true)
            .endSecret()
            .build(),
        new VolumeBuilder()
            .withName("istio-csr-ca-configmap")
            .withNewConfigMap()
            .withName("istio-ca-root-cert")
            .withDefaultMode(420)
            .withOptional(true)
            .endConfigMap()
            .build());
  }

  /** The Service proxies reach a tag's revision by: istiod-revision-tag-<tag>. */
  static HasMetadata tagService(MeshPlan plan, String tag) {
    Map<String, String> labels = new LinkedHashMap<>(objectLabels(plan));
    labels.put(IstiodWebhooks.TAG, tag);
    HasMetadata service = service(plan);
    service.getMetadata().setName(IstiodRenderer.tagServiceName(tag));
    service.getMetadata().setLabels(labels);
    return service;
  }

  private static HasMetadata service(MeshPlan plan) {
    Map<String, String> selector =
        plan.isDefaultRevision()
            ? ordered(IstioLabels.APP, "istiod", IstioLabels.ISTIO, "pilot")
            : ordered(IstioLabels.APP, "istiod", IstioLabels.REVISION, plan.revision());
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(plan.istiodName())
        .withNamespace(plan.namespace())
        .withLabels(objectLabels(plan))
        .endMetadata()
        .withNewSpec()
        .addNewPort()
        .withPort(IstioPorts.GRPC_XDS)
        .withName("grpc-xds")
        .withProtocol("TCP")
        .endPort()
        .addNewPort()
        .withPort(IstioPorts.TLS_XDS)
        .withName("https-dns")
        .withProtocol("TCP")
        .endPort()
        .addNewPort()
        .withPort(IstioPorts.WEBHOOK_SERVICE)
        .withName("https-webhook")
        .withTargetPort(new IntOrString(IstioPorts.WEBHOOKS))
        .withProtocol("TCP")
        .endPort()
        .addNewPort()
        .withPort(IstioPorts.MONITORING)
        .withName("http-monitoring")
        .withProtocol("TCP")
        .endPort()
        .withSelector(selector)
        .endSpec()
        .build();
  }

  private static HasMetadata autoscaler(MeshPlan plan, Autoscale autoscale) {
    return WorkloadParts.cpuAutoscaler(
        plan.istiodName(), plan.namespace(), objectLabels(plan), autoscale);
  }

  /** Labels in the order given, so that rendering is byte-for-byte repeatable. */
  private static Map<String, String> ordered(String... keyValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  private static VolumeMount mount(String name, String path, boolean readOnly) {
    return WorkloadParts.mount(name, path, readOnly);
  }
}
