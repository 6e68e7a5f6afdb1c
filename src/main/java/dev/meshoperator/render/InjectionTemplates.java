package dev.meshoperator.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pod templates istiod's injector renders (Go templates, evaluated by istiod, not by us), kept
 * as resources under {@code injection/}. They are this project's own; docs/fidelity.md says how
 * they differ from upstream's.
 */
final class InjectionTemplates {

  /**
   * sidecar (the default), gateway (a Deployment that asks for it), waypoint and kube-gateway (the
   * proxies istiod deploys for Gateways of class istio-waypoint and istio), and the two proxyless
   * gRPC ones a pod asks for with inject.istio.io/templates.
   */
  static final List<String> NAMES =
      List.of("sidecar", "gateway", "waypoint", "kube-gateway", "grpc-agent", "grpc-simple");

  private static final Map<String, String> TEMPLATES = load();

  private InjectionTemplates() {}

  static Map<String, String> all() {
    return TEMPLATES;
  }

  private static Map<String, String> load() {
    Map<String, String> templates = new LinkedHashMap<>();
    for (String name : NAMES) {
      String resource = "/injection/" + name + ".tmpl";
      try (InputStream in = InjectionTemplates.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(resource + " is missing from the classpath");
        }
        templates.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return java.util.Collections.unmodifiableMap(templates);
  }
}
