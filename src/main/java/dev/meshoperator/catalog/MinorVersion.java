package dev.meshoperator.catalog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code major.minor} version line, such as Istio 1.30 or Kubernetes 1.34. */
public record MinorVersion(int major, int minor) implements Comparable<MinorVersion> {

  private static final Pattern LEADING = Pattern.compile("^v?(\\d+)\\.(\\d+)");

  /** Reads the line of "1.30", "1.30.3", "v1.34.4" or "1.30-latest". */
  public static MinorVersion of(String version) {
    Matcher m = LEADING.matcher(version);
    if (!m.find()) {
      throw new IllegalArgumentException("not a version: " + version);
    }
    try {
      return new MinorVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    } catch (NumberFormatException tooLarge) {
      throw new IllegalArgumentException("not a version: " + version, tooLarge);
    }
  }

  public boolean isAfter(MinorVersion other) {
    return compareTo(other) > 0;
  }

  public boolean isBefore(MinorVersion other) {
    return compareTo(other) < 0;
  }

  @Override
  public int compareTo(MinorVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
