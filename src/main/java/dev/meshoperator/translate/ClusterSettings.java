package dev.meshoperator.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshoperator.api.v1alpha1.LoggingSpec;
import dev.meshoperator.api.v1alpha1.SidecarInjectorSpec;
import dev.meshoperator.plan.ProxyCapture;
import java.util.ArrayList;
import java.util.Iterator;
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
  private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

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
        .filter(level -> level.matches(LoggingSpec.LEVELS))
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
    // alwaysInjectSelector changes nothing while injection is on by default: the API refuses it.
    if (injector.has("autoInject")) {
      selectors(webhook + "alwaysInjectSelector")
          .ifPresent(n -> injector.set("alwaysInjectSelector", n));
    }
    selectors(webhook + "neverInjectSelector")
        .ifPresent(n -> injector.set("neverInjectSelector", n));
    source
        .peek(webhook + "templates")
        .filter(JsonNode::isObject)
        .filter(t -> allMatch(t.fieldNames(), SidecarInjectorSpec.TEMPLATE_NAME))
        .ifPresent(
            t -> {
              source.take(webhook + "templates");
              injector.set("templates", t);
            });
    source
        .peek(webhook + "defaultTemplates")
        .filter(JsonNode::isArray)
        .filter(d -> allMatch(texts(d), SidecarInjectorSpec.TEMPLATE_NAME))
        .ifPresent(
            d -> {
              source.take(webhook + "defaultTemplates");
              injector.set("defaultTemplates", d);
            });
    return injector.isEmpty() ? Optional.empty() : Optional.of(injector);
  }

  /**
   * Label selectors whose operators Kubernetes knows and that select something (Istio skips an
   * empty one); anything else stays untaken.
   */
  private Optional<JsonNode> selectors(String path) {
    Optional<JsonNode> list = source.peek(path).filter(JsonNode::isArray);
    if (list.isEmpty()) {
      return Optional.empty();
    }
    for (JsonNode selector : list.get()) {
      boolean selects =
          !selector.path("matchLabels").isEmpty() || !selector.path("matchExpressions").isEmpty();
      for (JsonNode expression : selector.path("matchExpressions")) {
        selects &= OPERATORS.contains(expression.path("operator").asText());
      }
      if (!selects) {
        return Optional.empty();
      }
    }
    source.take(path);
    return list;
  }

  /**
   * A comma-separated list of CIDRs; {@code unset} is the chart's default and carries nothing. A
   * list with an entry istio-init would not read stays untaken.
   */
  private Optional<ArrayNode> ranges(String path, String unset) {
    Optional<String> text = source.peek(path).map(JsonNode::asText).map(String::strip);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (text.get().equals(unset)) {
      source.take(path);
      return Optional.empty();
    }
    ArrayNode list = JSON.arrayNode();
    for (String range : text.get().split(",")) {
      String cidr = range.strip();
      if (cidr.isEmpty()) {
        continue;
      }
      if (!ProxyCapture.isCidr(cidr)) {
        return Optional.empty();
      }
      list.add(cidr);
    }
    source.take(path);
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

  private static boolean allMatch(Iterator<String> names, String pattern) {
    while (names.hasNext()) {
      if (!names.next().matches(pattern)) {
        return false;
      }
    }
    return true;
  }

  private static Iterator<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts.iterator();
  }
}
