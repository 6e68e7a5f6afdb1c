package dev.meshoperator.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster settings of a source's values that the typed API models: cluster domain, logging,
 * sidecar capture, the injector's policy, selectors and templates. Upstream writes lists as
 * comma-separated strings; the API takes lists. A value the API would refuse is left untaken, so it
 * is reported as not carried instead of translated into a spec the API server refuses.
 */
final class ClusterSettings {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Set<String> ISTIO_LOG_LEVELS =
      Set.of("none", "fatal", "error", "warn", "info", "debug");

  private final SourceTree source;
  private final String values;

  ClusterSettings(SourceTree source, String values) {
    this.source = source;
    this.values = values;
  }

  /** Into {@code target} (spec.values) and {@code proxy} (spec.values.proxy). */
  void translate(ObjectNode target, ObjectNode proxy) {
    String global = values + ".global.";
    source.take(global + "proxy.clusterDomain").ifPresent(n -> target.set("clusterDomain", n));
    ObjectNode logging = JSON.objectNode();
    source
        .peek(global + "logging.level")
        .map(JsonNode::asText)
        .filter(ClusterSettings::isLogLevel)
        .ifPresent(
            level -> {
              source.take(global + "logging.level");
              logging.put("level", level);
            });
    source.take(global + "logAsJson").ifPresent(n -> logging.set("asJson", n));
    if (!logging.isEmpty()) {
      target.set("logging", logging);
    }
    String capture = global + "proxy.";
    ranges(capture + "includeIPRanges", "*").ifPresent(r -> proxy.set("includeIPRanges", r));
    ranges(capture + "excludeIPRanges", "").ifPresent(r -> proxy.set("excludeIPRanges", r));
    ports(capture + "excludeInboundPorts").ifPresent(p -> proxy.set("excludeInboundPorts", p));
    ports(capture + "excludeOutboundPorts").ifPresent(p -> proxy.set("excludeOutboundPorts", p));
    injector().ifPresent(injector -> target.set("sidecarInjector", injector));
  }

  private Optional<ObjectNode> injector() {
    ObjectNode injector = JSON.objectNode();
    String autoInject = values + ".global.proxy.autoInject";
    source
        .peek(autoInject)
        .map(JsonNode::asText)
        .filter(policy -> policy.equals("enabled") || policy.equals("disabled"))
        .ifPresent(
            policy -> {
              source.take(autoInject);
              if (policy.equals("disabled")) {
                injector.put("autoInject", policy);
              }
            });
    String webhook = values + ".sidecarInjectorWebhook.";
    for (String field :
        List.of("alwaysInjectSelector", "neverInjectSelector", "templates", "defaultTemplates")) {
      source.take(webhook + field).ifPresent(n -> injector.set(field, n));
    }
    return injector.isEmpty() ? Optional.empty() : Optional.of(injector);
  }

  /** A comma-separated list of CIDRs; {@code unset} is the chart's default and carries nothing. */
  private Optional<ArrayNode> ranges(String path, String unset) {
    Optional<String> text = source.peek(path).map(JsonNode::asText).map(String::strip);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    source.take(path);
    if (text.get().equals(unset)) {
      return Optional.empty();
    }
    ArrayNode list = JSON.arrayNode();
    Arrays.stream(text.get().split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .forEach(list::add);
    return Optional.of(list);
  }

  /** A comma-separated list of port numbers; anything else stays untaken. */
  private Optional<ArrayNode> ports(String path) {
    Optional<String> text = source.peek(path).map(JsonNode::asText).map(String::strip);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    ArrayNode list = JSON.arrayNode();
    for (String port : text.get().split(",")) {
      String p = port.strip();
      if (p.isEmpty()) {
        continue;
      }
      if (!p.matches("[0-9]{1,5}") || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 65535) {
        return Optional.empty();
      }
      list.add(Integer.parseInt(p));
    }
    source.take(path);
    return list.isEmpty() ? Optional.empty() : Optional.of(list);
  }

  private static boolean isLogLevel(String level) {
    for (String pair : level.split(",")) {
      String[] scoped = pair.strip().split(":");
      String value = scoped[scoped.length - 1];
      if (scoped.length > 2 || !ISTIO_LOG_LEVELS.contains(value)) {
        return false;
      }
    }
    return !level.isBlank();
  }
}
