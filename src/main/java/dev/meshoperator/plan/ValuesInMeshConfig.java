package dev.meshoperator.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.meshoperator.api.v1alpha1.ValuesSpec;
import dev.meshoperator.plan.InvalidSpecException.Reason;

/**
 * The values that Istio reads from the mesh config's proxy defaults rather than from the injector's
 * values: the mesh ID (as upstream's istiod chart writes it) and Envoy's concurrency. Setting one
 * both here and, differently, in spec.meshConfig is refused: one of them would be ignored.
 */
final class ValuesInMeshConfig {

  private ValuesInMeshConfig() {}

  static ObjectNode apply(ObjectNode meshConfig, ValuesSpec values) {
    if (values == null) {
      return meshConfig;
    }
    ObjectNode proxy = (ObjectNode) meshConfig.get("defaultConfig");
    if (values.getMeshID() != null) {
      put(proxy, "meshId", TextNode.valueOf(values.getMeshID()), "spec.values.meshID");
    }
    if (values.getProxy() != null && values.getProxy().getConcurrency() != null) {
      put(
          proxy,
          "concurrency",
          IntNode.valueOf(values.getProxy().getConcurrency()),
          "spec.values.proxy.concurrency");
    }
    return meshConfig;
  }

  private static void put(ObjectNode proxy, String key, JsonNode value, String field) {
    JsonNode existing = proxy.get(key);
    if (existing != null && !existing.asText().equals(value.asText())) {
      throw new InvalidSpecException(
          Reason.InvalidSpec,
          field
              + " is "
              + value.asText()
              + " but spec.meshConfig.defaultConfig."
              + key
              + " is "
              + existing.asText()
              + "; set it in one place");
    }
    proxy.set(key, value);
  }
}
