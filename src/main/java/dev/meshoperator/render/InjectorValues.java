package dev.meshoperator.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshoperator.plan.IstiodPlan;
import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.plan.MeshValues;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;

/**
 * The values istiod hands to every injection template as {@code .Values}: sidecars, gateways
 * injected into user Deployments, waypoints and Gateway API gateways. Keys and defaults follow the
 * istiod chart's values, so a template written against upstream's keys finds each one; a key a
 * template reads but this tree lacks would render as {@code <no value>} or fail in istiod.
 */
final class InjectorValues {

  /** Where injected proxies send their telemetry by default: nowhere, as upstream since 1.22. */
  private static final String NO_TRACER = "none";

  private InjectorValues() {}

  static ObjectNode of(MeshPlan plan, IstiodPlan istiod) {
    ObjectNode values = JsonNodeFactory.instance.objectNode();
    values.put("revision", plan.isDefaultRevision() ? "" : plan.revision());
    global(values.putObject("global"), plan);
    pilot(values.putObject("pilot"), plan, istiod);
    ObjectNode gateways = values.putObject("gateways");
    gateways.putObject("securityContext");
    gateways.putObject("seccompProfile");
    ObjectNode webhook = values.putObject("sidecarInjectorWebhook");
    webhook.put("rewriteAppHTTPProbe", true);
    webhook.put("enableNamespacesByDefault", false);
    webhook.put("reinvocationPolicy", "Never");
    // The injector's own settings, as the chart has them; istiod reads them from the config.
    webhook.set("alwaysInjectSelector", selectors(plan.values().injector().alwaysInjectSelector()));
    webhook.set("neverInjectSelector", selectors(plan.values().injector().neverInjectSelector()));
    plan.values().injector().defaultTemplates().forEach(webhook.putArray("defaultTemplates")::add);
    webhook.putObject("injectedAnnotations");
    ObjectNode templates = webhook.putObject("templates");
    plan.values().injector().templates().forEach(templates::put);
    return values;
  }

  private static void global(ObjectNode global, MeshPlan plan) {
    global.put("hub", plan.hub());
    global.put("tag", plan.release().version());
    global.put("variant", plan.meshConfig().at("/defaultConfig/image/imageType").asText(""));
    global.put("istioNamespace", plan.namespace());
    global.put("imagePullPolicy", "");
    plan.imagePullSecrets().forEach(global.putArray("imagePullSecrets")::add);
    global.put("logAsJson", plan.values().logAsJson());
    global.putObject("logging").put("level", plan.values().logLevel());
    global.put("meshID", plan.values().meshId());
    global.put("network", plan.values().network());
    global.putObject("multiCluster").put("clusterName", plan.values().clusterName());
    global.put("pilotCertProvider", "istiod");
    global.put("caAddress", "");
    global.put("caName", "");
    global.put("trustBundleName", "");
    global.put("trustDomain", "");
    global.put("mountMtlsCerts", false);
    global.put("nativeNftables", false);
    global.put("platform", plan.platform().openshift() ? "openshift" : "");
    global.putObject("sds").putObject("token").put("aud", "istio-ca");
    global.putObject("networkPolicy").put("enabled", plan.values().networkPolicies());
    // What the chart says of every install the operator makes: a primary cluster, its own config,
    // validation on, webhooks patched by istiod, the injector ConfigMap rendered.
    global.putArray("certSigners");
    global.put("configCluster", false);
    global.put("configValidation", true);
    global.put("externalIstiod", false);
    global.put("remotePilotAddress", "");
    global.putObject("meshNetworks");
    global.put("operatorManageWebhooks", false);
    global.put("omitSidecarInjectorConfigMap", false);
    global.put("resourceScope", "all");
    global.putObject("istiod").put("enableAnalysis", false);
    global.putObject("defaultPodDisruptionBudget").put("enabled", true);
    global.putObject("defaultResources").putObject("requests").put("cpu", "10m");
    global.put("priorityClassName", "");
    global.putObject("sts").put("servicePort", 0);
    // A full reference (a mirror's, from RELATED_IMAGE_*) is used by istiod as it is.
    String proxyImage = plan.proxyImage().orElse("proxyv2");
    ObjectNode proxyInit = global.putObject("proxy_init");
    proxyInit.put("image", proxyImage);
    proxyInit.put("forceApplyIptables", false);
    proxy(global.putObject("proxy"), proxyImage, plan.values());
    waypoint(global.putObject("waypoint"));
  }

  private static void proxy(ObjectNode proxy, String image, MeshValues values) {
    proxy.put("image", image);
    proxy.put("autoInject", values.injector().policy());
    proxy.put("clusterDomain", values.clusterDomain());
    proxy.put("logLevel", values.proxyLogLevel());
    proxy.put("componentLogLevel", "misc:error");
    proxy.put("outlierLogPath", "");
    proxy.put("statusPort", 15020);
    proxy.put("readinessInitialDelaySeconds", 0);
    proxy.put("readinessPeriodSeconds", 15);
    proxy.put("readinessFailureThreshold", 4);
    proxy.putObject("startupProbe").put("enabled", true).put("failureThreshold", 600);
    proxy.put("holdApplicationUntilProxyStarts", values.holdApplicationUntilProxyStarts());
    proxy.put("privileged", false);
    proxy.put("capNetBindService", false);
    proxy.put("includeIPRanges", values.capture().includeIPRanges());
    proxy.put("excludeIPRanges", values.capture().excludeIPRanges());
    proxy.put("includeInboundPorts", "*");
    proxy.put("excludeInboundPorts", values.capture().excludeInboundPorts());
    proxy.put("includeOutboundPorts", "");
    proxy.put("excludeOutboundPorts", values.capture().excludeOutboundPorts());
    proxy.putObject("lifecycle");
    proxy.putObject("seccompProfile");
    proxy.put("tracer", NO_TRACER);
    if (values.proxyResources().isPresent()) {
      proxy.set("resources", Serialization.jsonMapper().valueToTree(values.proxyResources().get()));
    } else {
      resources(proxy.putObject("resources"), "100m", "128Mi", "2000m", "1024Mi");
    }
  }

  private static void waypoint(ObjectNode waypoint) {
    resources(waypoint.putObject("resources"), "100m", "128Mi", "2", "1Gi");
    waypoint.putObject("affinity");
    waypoint.putArray("topologySpreadConstraints");
    waypoint.putObject("nodeSelector");
    waypoint.putArray("tolerations");
  }

  private static void pilot(ObjectNode pilot, MeshPlan plan, IstiodPlan istiod) {
    // With istio-cni on the nodes, the node agent redirects sidecar traffic: injected pods get
    // the unprivileged istio-validation init container instead of the NET_ADMIN istio-init one.
    // On OpenShift, as upstream's platform profile says, pods always rely on istio-cni (whoever
    // runs it) and join its multus network, which the sidecar template names in an annotation.
    ObjectNode cni = pilot.putObject("cni");
    cni.put("enabled", plan.cni().isPresent() || plan.platform().openshift());
    cni.put("provider", plan.platform().openshift() ? "multus" : "default");
    if (plan.ztunnel().isPresent()) {
      cni.putObject("ambient").put("enabled", true);
    }
    pilot.put("crlConfigMapName", "");
    ObjectNode env = pilot.putObject("env");
    istiod.env().forEach(env::put);
  }

  static JsonNode selectors(List<LabelSelector> selectors) {
    return Serialization.jsonMapper().valueToTree(selectors);
  }

  private static void resources(
      ObjectNode resources, String cpu, String memory, String cpuLimit, String memoryLimit) {
    resources.putObject("requests").put("cpu", cpu).put("memory", memory);
    resources.putObject("limits").put("cpu", cpuLimit).put("memory", memoryLimit);
  }
}
