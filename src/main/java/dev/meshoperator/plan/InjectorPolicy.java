package dev.meshoperator.plan;

import dev.meshoperator.api.v1alpha1.SidecarInjectorSpec;
import dev.meshoperator.catalog.IstioRelease;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which pods of an injected namespace the sidecar injector injects, and with which templates: its
 * policy, selectors and the user's templates, as the injector's config and the chart's values carry
 * them.
 *
 * @param policy {@code enabled} or {@code disabled} (global.proxy.autoInject)
 * @param templates the user's templates by name, beside (or replacing) the release's own
 * @param defaultTemplates the templates of a pod that names none; empty for istiod's default
 */
public record InjectorPolicy(
    String policy,
    List<LabelSelector> alwaysInjectSelector,
    List<LabelSelector> neverInjectSelector,
    Map<String, String> templates,
    List<String> defaultTemplates) {

  static final InjectorPolicy DEFAULT =
      new InjectorPolicy("enabled", List.of(), List.of(), Map.of(), List.of());

  /** The default templates istiod injects when none are configured. */
  public static final List<String> ISTIOD_DEFAULT_TEMPLATES = List.of("sidecar");

  static InjectorPolicy of(SidecarInjectorSpec injector, IstioRelease release) {
    if (injector == null) {
      return DEFAULT;
    }
    Map<String, String> templates =
        new TreeMap<>(Objects.requireNonNullElse(injector.getTemplates(), Map.of()));
    List<String> defaults =
        List.copyOf(Objects.requireNonNullElse(injector.getDefaultTemplates(), List.of()));
    List<String> unknown = new ArrayList<>();
    for (String name : defaults) {
      if (!templates.containsKey(name) && !release.injectionTemplates().contains(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidSpecException(
          InvalidSpecException.Reason.InvalidSpec,
          "spec.values.sidecarInjector.defaultTemplates: no template named "
              + String.join(", ", unknown)
              + "; Istio "
              + release.version()
              + " has "
              + String.join(", ", release.injectionTemplates())
              + (templates.isEmpty()
                  ? ""
                  : ", and templates has " + String.join(", ", templates.keySet())));
    }
    return new InjectorPolicy(
        injector.getAutoInject() == null ? DEFAULT.policy() : injector.getAutoInject().value(),
        List.copyOf(Objects.requireNonNullElse(injector.getAlwaysInjectSelector(), List.of())),
        List.copyOf(Objects.requireNonNullElse(injector.getNeverInjectSelector(), List.of())),
        Collections.unmodifiableMap(templates),
        defaults);
  }

  /** The templates a pod that names none gets. */
  public List<String> effectiveDefaultTemplates() {
    return defaultTemplates.isEmpty() ? ISTIOD_DEFAULT_TEMPLATES : defaultTemplates;
  }
}
