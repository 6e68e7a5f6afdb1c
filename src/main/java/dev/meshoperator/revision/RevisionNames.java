package dev.meshoperator.revision;

import dev.meshoperator.plan.InvalidSpecException;
import java.util.regex.Pattern;

/**
 * Revision names of RevisionBased installations: the installation's name and the version, e.g.
 * {@code default-1-30-4}. A revision name is a label value and part of object names ({@code
 * istiod-<revision>}), so it must be a DNS label short enough for both.
 */
public final class RevisionNames {

  static final int MAX_LENGTH = 63 - "istiod-".length();
  private static final Pattern REVISION_SUFFIX = Pattern.compile("^[0-9]+-[0-9]+-[0-9]+(-.+)?$");
  private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

  private RevisionNames() {}

  /** Whether {@code name} has the form of a revision of {@code installation} (name-1-30-4). */
  public static boolean looksLikeRevision(String installation, String name) {
    return name.startsWith(installation + "-")
        && REVISION_SUFFIX.matcher(name.substring(installation.length() + 1)).matches();
  }

  public static String of(String installation, String version) {
    String name = installation + "-" + version.replace('.', '-');
    if (name.length() > MAX_LENGTH || !DNS_LABEL.matcher(name).matches()) {
      throw new InvalidSpecException(
          InvalidSpecException.Reason.InvalidSpec,
          "revision name "
              + name
              + " (installation name and version) must be a DNS label of at most "
              + MAX_LENGTH
              + " characters; use a shorter MeshInstallation name");
    }
    return name;
  }
}
