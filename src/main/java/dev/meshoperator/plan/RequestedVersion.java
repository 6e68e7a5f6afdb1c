package dev.meshoperator.plan;

import dev.meshoperator.api.v1alpha1.MeshInstallation;

/**
 * The Istio version an installation asks for, and why. An unset spec.version means the version the
 * installation first got, kept from its status, so that an operator release with a newer catalog
 * never upgrades a mesh nobody asked to upgrade; only an alias written in the spec moves with the
 * catalog.
 *
 * @param value a release or an alias, for the catalog to resolve
 * @param source Release, Alias or Installed (status.versionSource)
 */
public record RequestedVersion(String value, String source) {

  public static final String RELEASE = "Release";
  public static final String ALIAS = "Alias";
  public static final String INSTALLED = "Installed";

  private static final String LATEST = "latest";

  public static RequestedVersion of(MeshInstallation mesh) {
    String written = mesh.getSpec() == null ? null : mesh.getSpec().getVersion();
    if (written != null) {
      boolean alias = written.equals(LATEST) || written.endsWith("-" + LATEST);
      return new RequestedVersion(written, alias ? ALIAS : RELEASE);
    }
    String installed = mesh.getStatus() == null ? null : mesh.getStatus().getVersion();
    return new RequestedVersion(installed == null ? LATEST : installed, INSTALLED);
  }
}
