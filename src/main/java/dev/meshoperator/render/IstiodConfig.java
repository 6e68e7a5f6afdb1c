package dev.meshoperator.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.meshoperator.plan.IstiodPlan;
import dev.meshoperator.plan.MeshPlan;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * istiod's two ConfigMaps: the mesh config ({@code istio[-rev]}) and the sidecar injector's config
 * and values ({@code istio-sidecar-injector[-rev]}), which istiod reads from mounted files.
 */
final class IstiodConfig {

  private static final ObjectMapper YAML =
      new ObjectMapper(
              new YAMLFactory()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private IstiodConfig() {}

  static List<HasMetadata> render(MeshPlan plan, IstiodPlan istiod) {
    return List.of(meshConfig(plan), injectorConfig(plan, istiod));
  }

  private static HasMetadata meshConfig(MeshPlan plan) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("istio" + plan.revisionSuffix())
        .withNamespace(plan.namespace())
        .addToLabels(IstioLabels.REVISION, plan.revision())
        .addToLabels(IstioLabels.OPERATOR_COMPONENT, "Pilot")
        .addToLabels(IstioLabels.APP_NAME, "istiod")
        .endMetadata()
        .addToData("mesh", write(YAML, sorted(plan.meshConfig())).strip())
        .addToData("meshNetworks", "networks: {}")
        .build();
  }

  private static HasMetadata injectorConfig(MeshPlan plan, IstiodPlan istiod) {
    ObjectNode config = JsonNodeFactory.instance.objectNode();
    config.putArray("defaultTemplates").add("sidecar");
    config.put("policy", "enabled");
    config.putArray("alwaysInjectSelector");
    config.putArray("neverInjectSelector");
    config.putObject("injectedAnnotations");
    ObjectNode templates = config.putObject("templates");
    InjectionTemplates.all().forEach(templates::put);
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("istio-sidecar-injector" + plan.revisionSuffix())
        .withNamespace(plan.namespace())
        .addToLabels(IstioLabels.REVISION, plan.revision())
        .addToLabels(IstioLabels.OPERATOR_COMPONENT, "Pilot")
        .addToLabels(IstioLabels.APP_NAME, "istiod")
        .endMetadata()
        .addToData("config", write(YAML, config).strip())
        .addToData("values", write(JSON, injectorValues(plan, istiod)))
        .build();
  }

  /** The values the injection templates read, in the shape of Istio's chart values. */
  private static ObjectNode injectorValues(MeshPlan plan, IstiodPlan istiod) {
    ObjectNode values = JsonNodeFactory.instance.objectNode();
    values.put("revision", plan.isDefaultRevision() ? "" : plan.revision());
    ObjectNode global = values.putObject("global");
    global.put("hub", plan.hub());
    global.put("tag", plan.release().version());
    global.put("istioNamespace", plan.namespace());
    global.put("imagePullPolicy", "");
    global.put("logAsJson", false);
    global.put("caAddress", "");
    global.put("meshID", "");
    global.put("network", "");
    global.put("pilotCertProvider", "istiod");
    global.put("variant", plan.meshConfig().at("/defaultConfig/image/imageType").asText(""));
    global.putObject("multiCluster").put("clusterName", "");
    global.putObject("logging").put("level", "default:info");
    global.putObject("sds").putObject("token").put("aud", "istio-ca");
    global.putObject("proxy_init").put("image", "proxyv2");
    ObjectNode proxy = global.putObject("proxy");
    proxy.put("image", "proxyv2");
    proxy.put("clusterDomain", IstiodWorkload.CLUSTER_DOMAIN);
    proxy.put("logLevel", "warning");
    proxy.put("componentLogLevel", "misc:error");
    proxy.put("statusPort", 15020);
    proxy.put("readinessInitialDelaySeconds", 0);
    proxy.put("readinessPeriodSeconds", 15);
    proxy.put("readinessFailureThreshold", 4);
    proxy.putObject("startupProbe").put("enabled", true).put("failureThreshold", 600);
    proxy.put("holdApplicationUntilProxyStarts", false);
    proxy.put("privileged", false);
    proxy.put("includeIPRanges", "*");
    proxy.put("excludeIPRanges", "");
    proxy.put("includeInboundPorts", "*");
    proxy.put("excludeInboundPorts", "");
    proxy.put("includeOutboundPorts", "");
    proxy.put("excludeOutboundPorts", "");
    ObjectNode requests = proxy.putObject("resources").putObject("requests");
    requests.put("cpu", "100m");
    requests.put("memory", "128Mi");
    ObjectNode limits = ((ObjectNode) proxy.get("resources")).putObject("limits");
    limits.put("cpu", "2000m");
    limits.put("memory", "1024Mi");
    values.putObject("sidecarInjectorWebhook").put("rewriteAppHTTPProbe", true);
    ObjectNode pilot = values.putObject("pilot");
    pilot.putObject("cni").put("enabled", false);
    ObjectNode env = pilot.putObject("env");
    istiod.env().forEach(env::put);
    return values;
  }

  private static Object sorted(ObjectNode node) {
    return YAML.convertValue(node, Map.class);
  }

  private static String write(ObjectMapper mapper, Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
