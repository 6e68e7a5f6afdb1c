package dev.meshoperator.apply;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import java.util.Set;

/**
 * Which objects die with their MeshInstallation. Most are owned, so the garbage collector removes
 * them when it is deleted. Istio's CRDs and the control-plane namespace are not: deleting them
 * would delete every user's Istio config and whatever else lives in the namespace (plug-in CA
 * certs).
 */
final class Ownership {

  static final Set<String> OUTLIVE_INSTALLATION = Set.of("CustomResourceDefinition", "Namespace");

  private Ownership() {}

  static boolean isOwned(HasMetadata object) {
    return !OUTLIVE_INSTALLATION.contains(object.getKind());
  }

  static void claim(HasMetadata object, MeshInstallation owner) {
    if (!isOwned(object)) {
      return;
    }
    OwnerReference ref =
        new OwnerReferenceBuilder()
            .withApiVersion(owner.getApiVersion())
            .withKind(owner.getKind())
            .withName(owner.getMetadata().getName())
            .withUid(owner.getMetadata().getUid())
            .withController(true)
            .withBlockOwnerDeletion(true)
            .build();
    object.getMetadata().setOwnerReferences(List.of(ref));
  }
}
