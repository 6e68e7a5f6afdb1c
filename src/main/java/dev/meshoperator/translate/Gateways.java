package dev.meshoperator.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An IstioOperator's {@code ingressGateways} and {@code egressGateways} into the installation's
 * gateway list: an entry named like a profile's gateway changes or turns off that one, any other is
 * a gateway of its own kind.
 */
final class Gateways {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Set<String> PROFILE_GATEWAYS =
      Set.of("istio-ingressgateway", "istio-egressgateway");

  /** The labels upstream gives its own gateways; only others need carrying. */
  private static final Map<String, Set<String>> DEFAULT_LABELS =
      Map.of("istio", Set.of("ingressgateway", "egressgateway"), "app", PROFILE_GATEWAYS);

  private final SourceTree source;
  private final List<Untranslated> notes;
  private final ObjectNode spec;

  Gateways(SourceTree source, List<Untranslated> notes, ObjectNode spec) {
    this.source = source;
    this.notes = notes;
    this.spec = spec;
  }

  void translate(ObjectNode components) {
    ArrayNode gateways = JSON.arrayNode();
    translate("ingressGateways", "Ingress", gateways);
    translate("egressGateways", "Egress", gateways);
    if (!gateways.isEmpty()) {
      components.set("gateways", gateways);
    }
  }

  private void translate(String list, String kind, ArrayNode gateways) {
    String path = "spec.components." + list;
    JsonNode entries = source.peek(path).orElse(JSON.arrayNode());
    for (int i = 0; i < entries.size(); i++) {
      String at = path + "[" + i + "]";
      String name = source.take(at + ".name").map(JsonNode::asText).orElse(null);
      if (name == null) {
        continue;
      }
      ObjectNode gateway = JSON.objectNode();
      gateway.put("name", name);
      if (!PROFILE_GATEWAYS.contains(name)) {
        gateway.put("kind", kind);
      }
      source.take(at + ".enabled").ifPresent(n -> gateway.set("enabled", n));
      source
          .take(at + ".namespace")
          .map(JsonNode::asText)
          .filter(ns -> !ns.equals(spec.path("namespace").asText("istio-system")))
          .ifPresent(ns -> gateway.put("namespace", ns));
      source.take(at + ".hub").ifPresent(n -> gateway.set("hub", n));
      source.take(at + ".tag").ifPresent(n -> gateway.put("tag", n.asText()));
      labels(at + ".label");
      new WorkloadSettings(source, gateway, true, notes).fromKubernetesBlock(at + ".k8s");
      service(at + ".k8s", gateway);
      gateways.add(gateway);
    }
  }

  private void labels(String path) {
    source
        .peek(path)
        .ifPresent(
            labels ->
                labels
                    .fields()
                    .forEachRemaining(
                        label -> {
                          Set<String> upstream = DEFAULT_LABELS.get(label.getKey());
                          if (upstream != null && upstream.contains(label.getValue().asText())) {
                            source.accept(path + "." + label.getKey());
                          }
                        }));
  }

  private void service(String k8s, ObjectNode gateway) {
    source.take(k8s + ".serviceAnnotations").ifPresent(n -> gateway.set("serviceAnnotations", n));
    String service = k8s + ".service";
    source.take(service + ".type").ifPresent(n -> gateway.set("serviceType", n));
    source.take(service + ".loadBalancerIP").ifPresent(n -> gateway.set("loadBalancerIP", n));
    source.take(service + ".loadBalancerClass").ifPresent(n -> gateway.set("loadBalancerClass", n));
    source
        .take(service + ".externalTrafficPolicy")
        .ifPresent(n -> gateway.set("externalTrafficPolicy", n));
    JsonNode ports = source.peek(service + ".ports").orElse(JSON.arrayNode());
    ArrayNode carried = JSON.arrayNode();
    for (int i = 0; i < ports.size(); i++) {
      String at = service + ".ports[" + i + "]";
      JsonNode port = ports.get(i);
      // The status port is always there; the installation refuses to list it.
      if ("status-port".equals(port.path("name").asText()) || port.path("port").asInt() == 15021) {
        source.accept(at);
        continue;
      }
      ObjectNode entry = carried.addObject();
      source.take(at + ".name").ifPresent(n -> entry.set("name", n));
      source.take(at + ".port").ifPresent(n -> entry.set("port", n));
      source
          .peek(at + ".targetPort")
          .ifPresent(
              target -> {
                source.accept(at + ".targetPort");
                if (target.isInt()) {
                  entry.set("targetPort", target);
                } else {
                  notes.add(
                      new Untranslated(
                          at + ".targetPort",
                          "a named target port is not offered; the port number is used"));
                }
              });
      if ("TCP".equals(port.path("protocol").asText())) {
        source.accept(at + ".protocol");
      }
    }
    if (!carried.isEmpty()) {
      gateway.set("ports", carried);
    }
  }
}
