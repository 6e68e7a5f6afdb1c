package dev.meshoperator.overlay;

import dev.meshoperator.api.v1alpha1.OverlaySpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/** Which rendered objects an overlay names, and how they are named in messages. */
final class OverlayTarget {

  private OverlayTarget() {}

  static boolean matches(OverlaySpec overlay, String controlPlane, HasMetadata object) {
    if (!object.getKind().equals(overlay.getKind())) {
      return false;
    }
    if (!OverlayKinds.isClusterScoped(overlay.getKind())
        && !Objects.requireNonNullElse(overlay.getNamespace(), controlPlane)
            .equals(object.getMetadata().getNamespace())) {
      return false;
    }
    String name = overlay.getName();
    String actual = object.getMetadata().getName();
    return name.endsWith("*")
        ? actual.startsWith(name.substring(0, name.length() - 1))
        : actual.equals(name);
  }

  /** {@code namespace/name}, or the name of a cluster-scoped object. */
  static String describe(HasMetadata object) {
    return object.getMetadata().getNamespace() == null
        ? object.getMetadata().getName()
        : object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }

  /** {@code Kind namespace/name}. */
  static String named(HasMetadata object) {
    return object.getKind() + " " + describe(object);
  }

  static String describe(OverlaySpec overlay, String controlPlane, boolean clusterScoped) {
    return "named "
        + overlay.getName()
        + (clusterScoped
            ? ""
            : " in namespace " + Objects.requireNonNullElse(overlay.getNamespace(), controlPlane));
  }
}
