package dev.meshoperator.catalog;

import java.util.Map;

/**
 * The settings that make a release behave like an older minor version.
 *
 * @param pilotEnv environment of istiod
 * @param cni settings of the istio-cni agent
 * @param ambient settings shared by the ambient components
 */
public record CompatibilityFlags(
    Map<String, String> pilotEnv, Map<String, String> cni, Map<String, String> ambient) {

  public static final CompatibilityFlags NONE =
      new CompatibilityFlags(Map.of(), Map.of(), Map.of());
}
