package dev.meshoperator.catalog;

import java.util.regex.Pattern;

/**
 * How an Istio image is named, everywhere the operator names one: by tag (with the profile's
 * variant), or pinned by digest.
 */
public final class ImageReference {

  private static final Pattern DIGEST = Pattern.compile("^sha256:[a-f0-9]{64}$");

  private ImageReference() {}

  /**
   * {@code hub/image:tag-variant}, or {@code hub/image@sha256:...} when {@code tag} is a digest.
   */
  public static String of(String hub, String image, String tag, String variant) {
    return isDigest(tag) ? hub + "/" + image + "@" + tag : hub + "/" + image + ":" + tag + variant;
  }

  public static boolean isDigest(String tag) {
    return tag != null && DIGEST.matcher(tag).matches();
  }
}
