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
    // One tree for both ConfigMaps: the injector's and the record people read are the same values.
    String values = write(JSON, InjectorValues.of(plan, istiod));
    return List.of(meshConfig(plan), injectorConfig(plan, values), valuesRecord(plan, values));
  }

  /**
   * The values the templates see, published as upstream's chart publishes its Helm values: for
   * people and tools reading the cluster. Nothing reads it back; no user values exist to record
   * apart from what the installation resolved to, so original-values stays empty.
   */
  private static HasMetadata valuesRecord(MeshPlan plan, String values) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("values" + plan.revisionSuffix())
        .withNamespace(plan.namespace())
        .addToAnnotations(
            "kubernetes.io/description",
            "The values istiod's injection templates read, resolved from the MeshInstallation."
                + " Changing them here has no effect.")
        .addToLabels(IstioLabels.REVISION, plan.revision())
        .addToLabels(IstioLabels.OPERATOR_COMPONENT, "Pilot")
        .addToLabels(IstioLabels.APP_NAME, "istiod")
        .endMetadata()
        .addToData("original-values", "{}")
        .addToData("merged-values", values)
        .build();
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

  private static HasMetadata injectorConfig(MeshPlan plan, String values) {
    ObjectNode config = JsonNodeFactory.instance.objectNode();
    plan.values()
        .injector()
        .effectiveDefaultTemplates()
        .forEach(config.putArray("defaultTemplates")::add);
    config.put("policy", plan.values().injector().policy());
    config.set(
        "alwaysInjectSelector",
        InjectorValues.selectors(plan.values().injector().alwaysInjectSelector()));
    config.set(
        "neverInjectSelector",
        InjectorValues.selectors(plan.values().injector().neverInjectSelector()));
    config.putObject("injectedAnnotations");
    ObjectNode templates = config.putObject("templates");
    InjectionTemplates.of(plan.release()).forEach(templates::put);
    // As upstream's chart: a user's template of a built-in's name replaces it.
    plan.values().injector().templates().forEach(templates::put);
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("istio-sidecar-injector" + plan.revisionSuffix())
        .withNamespace(plan.namespace())
        .addToLabels(IstioLabels.REVISION, plan.revision())
        .addToLabels(IstioLabels.OPERATOR_COMPONENT, "Pilot")
        .addToLabels(IstioLabels.APP_NAME, "istiod")
        .endMetadata()
        .addToData("config", write(YAML, config).strip())
        .addToData("values", values)
        .build();
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
