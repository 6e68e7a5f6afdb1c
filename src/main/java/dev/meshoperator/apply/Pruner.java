package dev.meshoperator.apply;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.observe.ClusterSnapshot;
import dev.meshoperator.render.DesiredState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * Returns how many objects were deleted. Candidates come from the reconciler's informers, which
   * already hold every labelled object of each managed kind, so pruning costs no list requests.
   */
  public static int prune(
      DesiredState desired, MeshInstallation owner, ClusterSnapshot seen, KubernetesClient client) {
    return prune(desired, owner, seen, client, ManagedKinds.OWNED);
  }

  /** The same, for objects of {@code kinds} only (an optional API such as Gateway's). */
  public static int prune(
      DesiredState desired,
      MeshInstallation owner,
      ClusterSnapshot seen,
      KubernetesClient client,
      List<Class<? extends HasMetadata>> kinds) {
    List<HasMetadata> stale = stale(desired, owner, seen, kinds);
    stale.forEach(existing -> client.resource(existing).delete());
    return stale.size();
  }

  /** What {@link #prune} would delete: labelled, owned by {@code owner}, no longer desired. */
  public static List<HasMetadata> stale(
      DesiredState desired,
      MeshInstallation owner,
      ClusterSnapshot seen,
      List<Class<? extends HasMetadata>> kinds) {
    Set<String> wanted = desired.objects().stream().map(Pruner::key).collect(Collectors.toSet());
    List<HasMetadata> stale = new ArrayList<>();
    for (Class<? extends HasMetadata> kind : kinds) {
      seen.owned(kind).stream()
          .filter(existing -> !wanted.contains(key(existing)))
          .filter(existing -> ownedBy(existing, owner))
          .forEach(stale::add);
    }
    return stale;
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
