package dev.meshoperator.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The digests of the bundle's images, by the reference (repository and tag) the bundle names them
 * with: what the release reads from the registry once it has pushed the operator's image
 * (hack/release/image-digests), and what OLM's mirroring (ImageDigestMirrorSet) needs, as
 * relatedImages by digest only can be mirrored.
 *
 * @param byReference {@code repository:tag} to {@code sha256:<hex>}; a reference by digest already
 *     stays as it is
 */
record ImageDigests(Map<String, String> byReference) {

  /** The file the release writes, a properties file of reference to digest. */
  static final String PROPERTY = "mesh.image-digests";

  static final ImageDigests NONE = new ImageDigests(Map.of());

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  ImageDigests {
    byReference.forEach(
        (reference, digest) -> {
          if (!DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException(
                "the digest of " + reference + " is not sha256:<64 hex digits>: " + digest);
          }
        });
    byReference = Map.copyOf(byReference);
  }

  /** The digests the release gave ({@code -Dmesh.image-digests=<file>}), or none. */
  static ImageDigests fromSystemProperty() throws IOException {
    String file = System.getProperty(PROPERTY, "");
    return file.isBlank() ? NONE : read(Path.of(file));
  }

  /**
   * A file of {@code reference=digest} lines, as hack/release/image-digests writes it: split at the
   * last {@code =}, since references hold {@code :} (a tag, a registry's port), which a Java
   * properties file would take for a separator.
   */
  static ImageDigests read(Path file) throws IOException {
    Map<String, String> digests = new TreeMap<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int separator = line.lastIndexOf('=');
      if (separator < 0) {
        throw new IllegalArgumentException(file + ": not reference=digest: " + line);
      }
      digests.put(line.substring(0, separator).trim(), line.substring(separator + 1).trim());
    }
    return new ImageDigests(digests);
  }

  /** {@code reference} by digest ({@code repository@sha256:...}) where its digest is known. */
  String pin(String reference) {
    if (reference.contains("@")) {
      return reference;
    }
    String digest = byReference.get(reference);
    if (digest == null) {
      return reference;
    }
    int tag = reference.lastIndexOf(':');
    String repository = tag > reference.lastIndexOf('/') ? reference.substring(0, tag) : reference;
    return repository + "@" + digest;
  }

  /** Whether every one of {@code references} has its digest. */
  boolean pinsAll(Collection<String> references) {
    return references.stream().allMatch(r -> r.contains("@") || byReference.containsKey(r));
  }
}
