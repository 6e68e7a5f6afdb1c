package dev.meshoperator.istioapi;

/**
 * What is wrong in a mesh config, and where.
 *
 * @param path where, in the mesh config, e.g. {@code defaultConfig.drainDuration} or {@code
 *     extensionProviders[0].name}; empty for the whole of it
 * @param problem what is wrong there, in words, e.g. {@code "fast" is not a duration ...}
 */
public record MeshConfigProblem(String path, String problem) {

  /** The problem under {@code root}, e.g. {@code spec.meshConfig.connectTimeout: ...}. */
  public String under(String root) {
    return (path.isEmpty() ? root : root + "." + path) + ": " + problem;
  }
}
