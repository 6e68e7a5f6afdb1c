package dev.meshoperator.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every Istio image the catalog can install, each with the {@code RELATED_IMAGE_*} environment
 * variable that overrides it. OLM lists them as the bundle's relatedImages and sets the variables
 * in the operator's Deployment; a disconnected cluster's mirroring rewrites both to the mirror, and
 * the operator then pulls from there. A reference the user chose (spec.hub, a component's hub or
 * tag) is never overridden: only the catalog's own defaults are.
 */
public final class RelatedImages {

  /** The images of one release: the control plane, the proxy, the two node agents. */
  public static final List<String> IMAGES = List.of("pilot", "proxyv2", "install-cni", "ztunnel");

  /**
   * Tag suffixes of each image: the default build and the distroless one (the ambient profile's).
   */
  public static final List<String> VARIANTS = List.of("", "-distroless");

  private final Map<String, String> overrides;

  private RelatedImages(Map<String, String> overrides) {
    this.overrides = overrides;
  }

  /** One image of the catalog: its default reference and the variable that overrides it. */
  public record RelatedImage(String name, String environmentVariable, String reference) {}

  /** Every image of every release in the catalog, newest release first. */
  public static List<RelatedImage> of(IstioCatalog catalog) {
    List<RelatedImage> images = new ArrayList<>();
    for (IstioRelease release : catalog.releases()) {
      for (String image : IMAGES) {
        for (String variant : VARIANTS) {
          String name = image + "-" + release.version() + variant;
          images.add(
              new RelatedImage(
                  name,
                  "RELATED_IMAGE_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"),
                  ImageReference.of(catalog.hub(), image, release.version(), variant)));
        }
      }
    }
    return images;
  }

  /** No overrides: every image from the catalog's hub. */
  public static RelatedImages none() {
    return new RelatedImages(Map.of());
  }

  /** The overrides {@code environment} sets (blank values are ignored). */
  public static RelatedImages from(IstioCatalog catalog, Map<String, String> environment) {
    Map<String, String> overrides = new LinkedHashMap<>();
    for (RelatedImage image : of(catalog)) {
      String value = environment.get(image.environmentVariable());
      if (value != null && !value.isBlank() && !value.equals(image.reference())) {
        overrides.put(image.reference(), value.strip());
      }
    }
    return new RelatedImages(Map.copyOf(overrides));
  }

  /** {@code reference}, or what replaces it when it is a catalog default with an override. */
  public String resolve(String reference) {
    return overrides.getOrDefault(reference, reference);
  }

  /** The override of a catalog default, if there is one. */
  public Optional<String> override(String reference) {
    return Optional.ofNullable(overrides.get(reference));
  }
}
