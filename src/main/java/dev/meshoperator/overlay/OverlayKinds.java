package dev.meshoperator.overlay;

import java.util.Set;

/** The kinds an overlay may name that have no namespace. */
public final class OverlayKinds {

  private static final Set<String> CLUSTER_SCOPED =
      Set.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");

  private OverlayKinds() {}

  public static boolean isClusterScoped(String kind) {
    return CLUSTER_SCOPED.contains(kind);
  }
}
