package dev.meshoperator.apply;

import dev.meshoperator.ambient.NamespaceDecision;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether an installation holds something it must give back before it goes. Everything it makes is
 * garbage-collected through owner references, except namespace enrollment: labels have no owner. So
 * an installation carries the finalizer (and the label that brings it to the {@code
 * EnrollmentReleaser}) only while it has namespaces enrolled or being enrolled; any other
 * installation is deleted by Kubernetes alone, with or without an operator running.
 *
 * <p>The finalizer and the label are server-side applied together under the operator's field
 * manager, before the first namespace is written; applying neither takes both away once nothing is
 * held any more. The applies name nothing but the installation's metadata, so the operator never
 * owns a field of the user's spec.
 */
public final class EnrollmentHold {

  public static final String FINALIZER = "meshinstallations.mesh.operator.dev/finalizer";
  public static final String LABEL = "mesh.operator.dev/holds-enrollment";
  public static final String SELECTOR = LABEL + "=true";

  private EnrollmentHold() {}

  /** Whether a namespace will carry this installation's enrollment record after these writes. */
  static boolean needed(List<NamespaceDecision> decisions) {
    return decisions.stream().anyMatch(decision -> decision.desired().isPresent());
  }

  /** Whether the installation carries both the finalizer and the label. */
  static boolean held(MeshInstallation mesh) {
    return mesh.hasFinalizer(FINALIZER) && "true".equals(labels(mesh).get(LABEL));
  }

  /** Whether the installation carries neither. */
  static boolean free(MeshInstallation mesh) {
    return !mesh.hasFinalizer(FINALIZER) && !labels(mesh).containsKey(LABEL);
  }

  /** Takes the hold before enrollment is written; returns the writes issued (0 or 1). */
  static int take(KubernetesClient client, MeshInstallation mesh) {
    if (held(mesh)) {
      return 0;
    }
    apply(client, mesh, Map.of("labels", Map.of(LABEL, "true"), "finalizers", List.of(FINALIZER)));
    return 1;
  }

  /**
   * Gives the hold up once nothing is enrolled; returns the writes issued. Operators before this
   * design left their finalizer on every installation: that one goes too.
   */
  static int release(KubernetesClient client, MeshInstallation mesh) {
    if (free(mesh)) {
      return 0;
    }
    MeshInstallation left = apply(client, mesh, Map.of());
    if (left.hasFinalizer(FINALIZER)) {
      // Another field manager (a kubectl edit) added it too: a JSON patch removes it for all.
      client.resource(left).edit(EnrollmentHold::withoutFinalizer);
      return 2;
    }
    return 1;
  }

  private static MeshInstallation apply(
      KubernetesClient client, MeshInstallation mesh, Map<String, Object> metadata) {
    Map<String, Object> named = new LinkedHashMap<>(metadata);
    named.put("name", mesh.getMetadata().getName());
    Map<String, Object> body =
        Map.of("apiVersion", mesh.getApiVersion(), "kind", mesh.getKind(), "metadata", named);
    // On the resource itself: by name alone, the client would read the object first.
    return client
        .resource(mesh)
        .patch(
            new PatchContext.Builder()
                .withPatchType(PatchType.SERVER_SIDE_APPLY)
                .withFieldManager(Applier.FIELD_MANAGER)
                .build(),
            Serialization.asJson(body));
  }

  private static MeshInstallation withoutFinalizer(MeshInstallation mesh) {
    mesh.removeFinalizer(FINALIZER);
    return mesh;
  }

  private static Map<String, String> labels(MeshInstallation mesh) {
    return Objects.requireNonNullElse(mesh.getMetadata().getLabels(), Map.of());
  }
}
