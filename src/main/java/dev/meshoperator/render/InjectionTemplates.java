package dev.meshoperator.render;

import dev.meshoperator.catalog.IstioRelease;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pod templates istiod's injector renders (Go templates, evaluated by istiod, not by us), kept
 * as resources under {@code injection/}. They are this project's own; docs/fidelity.md says how
 * they differ from upstream's.
 */
final class InjectionTemplates {

  static final List<String> NAMES = IstioRelease.EVERY_LINES_TEMPLATES;

  /**
   * The templates some lines add (the catalog says which): istiod's agentgateway classes. One text
   * serves both, told apart by the variable set before it.
   */
  static final Map<String, String> ADDED =
      Map.of(
          "agentgateway", "{{- $waypoint := false }}\n",
          "agentgateway-waypoint", "{{- $waypoint := true }}\n");

  private static final Map<String, String> TEMPLATES = load();

  private InjectionTemplates() {}

  /** Every template {@code release}'s istiod chart has, by name. */
  static Map<String, String> of(IstioRelease release) {
    Map<String, String> templates = new LinkedHashMap<>();
    release.injectionTemplates().forEach(name -> templates.put(name, TEMPLATES.get(name)));
    return templates;
  }

  private static Map<String, String> load() {
    Map<String, String> templates = new LinkedHashMap<>();
    for (String name : NAMES) {
      templates.put(name, resource(name));
    }
    String agentgateway = resource("agentgateway");
    ADDED.forEach((name, prelude) -> templates.put(name, prelude + agentgateway));
    return Collections.unmodifiableMap(templates);
  }

  private static String resource(String name) {
    String resource = "/injection/" + name + ".tmpl";
    try (InputStream in = InjectionTemplates.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
