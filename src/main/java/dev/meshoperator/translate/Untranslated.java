package dev.meshoperator.translate;

/** A setting of the source that the MeshInstallation does not carry, and why. */
public record Untranslated(String path, String reason) {

  @Override
  public String toString() {
    return path + ": " + reason;
  }
}
