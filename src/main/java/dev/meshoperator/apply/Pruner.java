package dev.meshoperator.apply;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.render.DesiredState;
import dev.meshoperator.render.OperatorLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deletes what an installation rendered before but no longer wants (a disabled component, an object
 * a newer release dropped). Only objects labelled as this installation's are candidates, so nothing
 * another tool or installation made is touched.
 */
public final class Pruner {

  private Pruner() {}

  /** Returns how many objects were deleted. */
  public static int prune(DesiredState desired, MeshInstallation owner, KubernetesClient client) {
    Set<String> wanted = desired.objects().stream().map(Pruner::key).collect(Collectors.toSet());
    int deleted = 0;
    for (Class<? extends HasMetadata> kind : ManagedKinds.OWNED) {
      var listing =
          Namespaced.class.isAssignableFrom(kind)
              ? client.resources(kind).inAnyNamespace()
              : client.resources(kind);
      var candidates =
          listing
              .withLabel(OperatorLabels.MANAGED_BY, OperatorLabels.MANAGED_BY_VALUE)
              .withLabel(OperatorLabels.INSTALLATION, owner.getMetadata().getName())
              .list()
              .getItems();
      for (HasMetadata existing : candidates) {
        if (!wanted.contains(key(existing)) && ownedBy(existing, owner)) {
          client.resource(existing).delete();
          deleted++;
        }
      }
    }
    return deleted;
  }

  private static boolean ownedBy(HasMetadata object, MeshInstallation owner) {
    return object.getMetadata().getOwnerReferences().stream()
        .anyMatch(ref -> Objects.equals(ref.getUid(), owner.getMetadata().getUid()));
  }

  private static String key(HasMetadata object) {
    return object.getKind()
        + "/"
        + object.getMetadata().getNamespace()
        + "/"
        + object.getMetadata().getName();
  }
}
