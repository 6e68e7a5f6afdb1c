package dev.meshoperator.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The parts of a rendered object that decide what runs, as the chart comparison reads them: what
 * selects (selectors), what each container runs (command, args, env, ports, probes, resources,
 * security context, mounts), the pod's volumes, scheduling and security, RBAC rules and bindings,
 * webhook rules and selectors, ConfigMap keys, Service ports. Values the API server fills in alike
 * for both (a field reference's {@code apiVersion: v1}, a webhook rule's {@code scope: "*"}, a
 * port's {@code protocol: TCP}, an empty selector) are left out, so that only real differences
 * remain. Images are not compared: the registry and tag are the installation's.
 */
final class ChartFacets {

  private ChartFacets() {}

  /** Facet path to value, for {@code object}. */
  static Map<String, JsonNode> of(JsonNode object) {
    Map<String, JsonNode> facets = new TreeMap<>();
    JsonNode spec = object.path("spec");
    switch (object.path("kind").asText()) {
      case "Deployment", "DaemonSet" -> workload(spec, facets);
      case "ClusterRole", "Role" -> facets.put("rules", sortedArray(object.path("rules")));
      case "ClusterRoleBinding", "RoleBinding" -> {
        facets.put("roleRef", object.path("roleRef"));
        facets.put("subjects", object.path("subjects"));
      }
      case "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration" ->
          object.path("webhooks").forEach(w -> webhook(w, facets));
      case "ConfigMap" -> {
        ArrayNode keys = JsonNodeFactory.instance.arrayNode();
        new TreeSet<String>(fieldNames(object.path("data"))).forEach(keys::add);
        facets.put("data keys", keys);
      }
      case "Service" -> {
        facets.put("selector", spec.path("selector"));
        facets.put("ports", sortedArray(spec.path("ports")));
      }
      case "HorizontalPodAutoscaler" -> {
        facets.put("minReplicas", spec.path("minReplicas"));
        facets.put("maxReplicas", spec.path("maxReplicas"));
        facets.put("metrics", spec.path("metrics"));
      }
      case "PodDisruptionBudget" -> {
        facets.put("selector", spec.path("selector"));
        facets.put("minAvailable", spec.path("minAvailable"));
      }
      default -> {}
    }
    facets.replaceAll((k, v) -> normalized(v));
    facets.values().removeIf(v -> v.isMissingNode() || v.isNull());
    return facets;
  }

  private static void workload(JsonNode spec, Map<String, JsonNode> facets) {
    facets.put("selector", spec.path("selector"));
    JsonNode pod = spec.path("template").path("spec");
    for (String field :
        List.of(
            "securityContext",
            "serviceAccountName",
            "hostNetwork",
            "priorityClassName",
            "nodeSelector",
            "tolerations",
            "terminationGracePeriodSeconds",
            "dnsPolicy")) {
      facets.put("pod." + field, pod.path(field));
    }
    List<String> volumes = new ArrayList<>();
    pod.path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
    facets.put("pod.volumes", sortedStrings(volumes));
    pod.path("containers")
        .forEach(c -> container("container " + c.path("name").asText(), c, facets));
    pod.path("initContainers")
        .forEach(c -> container("initContainer " + c.path("name").asText(), c, facets));
  }

  private static void container(String at, JsonNode container, Map<String, JsonNode> facets) {
    for (String field :
        List.of(
            "command",
            "args",
            "readinessProbe",
            "livenessProbe",
            "startupProbe",
            "securityContext",
            "resources",
            "lifecycle")) {
      facets.put(at + " " + field, container.path(field));
    }
    container
        .path("env")
        .forEach(
            env ->
                facets.put(
                    at + " env " + env.path("name").asText(),
                    env.has("valueFrom") ? env.get("valueFrom") : env.path("value")));
    facets.put(at + " ports", sortedArray(container.path("ports")));
    List<String> mounts = new ArrayList<>();
    container
        .path("volumeMounts")
        .forEach(m -> mounts.add(m.path("name").asText() + " at " + m.path("mountPath").asText()));
    facets.put(at + " volumeMounts", sortedStrings(mounts));
  }

  private static void webhook(JsonNode webhook, Map<String, JsonNode> facets) {
    String at = "webhook " + webhook.path("name").asText();
    facets.put(at + " rules", webhook.path("rules"));
    facets.put(at + " namespaceSelector", webhook.path("namespaceSelector"));
    facets.put(at + " objectSelector", webhook.path("objectSelector"));
    facets.put(at + " failurePolicy", webhook.path("failurePolicy"));
    facets.put(at + " sideEffects", webhook.path("sideEffects"));
    facets.put(at + " clientConfig.service", webhook.path("clientConfig").path("service"));
  }

  /** The value with what the API server fills in alike taken out. */
  static JsonNode normalized(JsonNode value) {
    if (value.isObject()) {
      // Keys sorted, so that list items compare by their text whatever order each side wrote.
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      fields(value)
          .entrySet()
          .forEach(
              f -> {
                JsonNode v = normalized(f.getValue());
                boolean defaulted =
                    (f.getKey().equals("apiVersion")
                            && "v1".equals(v.asText())
                            && value.has("fieldPath"))
                        || (f.getKey().equals("scope") && "*".equals(v.asText()))
                        || (f.getKey().equals("protocol") && "TCP".equals(v.asText()))
                        || (v.isObject() && v.isEmpty())
                        || (v.isArray() && v.isEmpty())
                        || v.isNull();
                if (!defaulted) {
                  copy.set(f.getKey(), v);
                }
              });
      return copy.isEmpty() ? JsonNodeFactory.instance.nullNode() : copy;
    }
    if (value.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      value.forEach(v -> copy.add(normalized(v)));
      return copy.isEmpty() ? JsonNodeFactory.instance.nullNode() : copy;
    }
    if (value.isNumber() || value.isBoolean()) {
      // Helm renders numbers and some quantities as strings where the model writes numbers.
      return JsonNodeFactory.instance.textNode(value.asText());
    }
    return value;
  }

  private static JsonNode sortedArray(JsonNode array) {
    List<String> items = new ArrayList<>();
    array.forEach(item -> items.add(normalized(item).toString()));
    return sortedStrings(items);
  }

  private static JsonNode sortedStrings(List<String> items) {
    ArrayNode sorted = JsonNodeFactory.instance.arrayNode();
    items.stream().filter(Objects::nonNull).sorted().forEach(sorted::add);
    return sorted;
  }

  private static Map<String, JsonNode> fields(JsonNode node) {
    Map<String, JsonNode> fields = new TreeMap<>();
    node.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue()));
    return fields;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
