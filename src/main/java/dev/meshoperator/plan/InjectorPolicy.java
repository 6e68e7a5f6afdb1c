package dev.meshoperator.plan;

import dev.meshoperator.api.v1alpha1.SidecarInjectorSpec;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Objects;

/**
 * Which pods of an injected namespace the sidecar injector injects: its policy and selectors, as
 * the injector's config and the chart's values carry them.
 *
 * @param policy {@code enabled} or {@code disabled} (global.proxy.autoInject)
 */
public record InjectorPolicy(
    String policy,
    List<LabelSelector> alwaysInjectSelector,
    List<LabelSelector> neverInjectSelector) {

  static final InjectorPolicy DEFAULT = new InjectorPolicy("enabled", List.of(), List.of());

  static InjectorPolicy of(SidecarInjectorSpec injector) {
    if (injector == null) {
      return DEFAULT;
    }
    return new InjectorPolicy(
        injector.getAutoInject() == null ? DEFAULT.policy() : injector.getAutoInject().value(),
        List.copyOf(Objects.requireNonNullElse(injector.getAlwaysInjectSelector(), List.of())),
        List.copyOf(Objects.requireNonNullElse(injector.getNeverInjectSelector(), List.of())));
  }
}
