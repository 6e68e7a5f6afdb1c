package dev.meshoperator.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Istio version an installation asks for, and why. An unset spec.version means the version the
 * installation first got, kept from its status, so that an operator release with a newer catalog
 * never upgrades a mesh nobody asked to upgrade; only an alias written in the spec moves with the
 * catalog.
 *
 * <p>Earlier CRDs of the operator defaulted spec.version to "latest". Once something is installed,
 * such an alias counts as unset (Defaulted), so an operator upgrade with a newer catalog does not
 * move the mesh. The object tells a defaulted alias from a written one in two ways: kubectl's
 * client-side apply records what the user applied (its last-applied-configuration annotation has no
 * spec.version), and server-side apply leaves a defaulted field to no manager. An object created or
 * replaced whole (kubectl create, a client's update) makes its writer the owner of every field,
 * defaults included, and tells nothing: its alias counts as written.
 *
 * @param value a release or an alias, for the catalog to resolve
 * @param source Release, Alias, Installed or Defaulted (status.versionSource)
 */
public record RequestedVersion(String value, String source) {

  public static final String RELEASE = "Release";
  public static final String ALIAS = "Alias";
  public static final String INSTALLED = "Installed";
  public static final String DEFAULTED = "Defaulted";

  private static final String LATEST = "latest";
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static final String CLIENT_SIDE_APPLY = "kubectl-client-side-apply";
  private static final ObjectMapper JSON = new ObjectMapper();

  public static RequestedVersion of(MeshInstallation mesh) {
    String written = mesh.getSpec() == null ? null : mesh.getSpec().getVersion();
    String installed = mesh.getStatus() == null ? null : mesh.getStatus().getVersion();
    if (written != null) {
      boolean alias = written.equals(LATEST) || written.endsWith("-" + LATEST);
      // Only "latest" was ever a default; a 1.N-latest was written by someone.
      if (written.equals(LATEST) && installed != null && defaultedByTheApiServer(mesh)) {
        return new RequestedVersion(installed, DEFAULTED);
      }
      return new RequestedVersion(written, alias ? ALIAS : RELEASE);
    }
    return new RequestedVersion(installed == null ? LATEST : installed, INSTALLED);
  }

  /**
   * Whether spec.version is in the object without anybody having written it. kubectl's client-side
   * apply owns every field of what it sent, defaults included, so its ownership counts only where
   * its record of what was applied holds a version; any other manager owning the field wrote it
   * (kubectl patch, edit, a GitOps tool). An object without managedFields (a client that strips
   * them) says nothing, so counts as written.
   */
  private static boolean defaultedByTheApiServer(MeshInstallation mesh) {
    List<ManagedFieldsEntry> managers = mesh.getMetadata().getManagedFields();
    if (managers == null || managers.isEmpty()) {
      return false;
    }
    String lastApplied =
        mesh.getMetadata().getAnnotations() == null
            ? null
            : mesh.getMetadata().getAnnotations().get(LAST_APPLIED);
    boolean clientSideApplyWroteIt = lastApplied != null && appliedAVersion(lastApplied);
    return managers.stream()
        .filter(m -> clientSideApplyWroteIt || !CLIENT_SIDE_APPLY.equals(m.getManager()))
        .map(ManagedFieldsEntry::getFieldsV1)
        .filter(Objects::nonNull)
        .map(fields -> fields.getAdditionalProperties().get("f:spec"))
        .noneMatch(spec -> spec instanceof Map<?, ?> owned && owned.containsKey("f:version"));
  }

  /** Whether kubectl's record of what was applied holds a spec.version (unreadable: assume so). */
  private static boolean appliedAVersion(String lastApplied) {
    try {
      return JSON.readTree(lastApplied).path("spec").has("version");
    } catch (JsonProcessingException unreadable) {
      return true;
    }
  }
}
