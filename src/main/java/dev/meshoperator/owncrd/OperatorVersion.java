package dev.meshoperator.owncrd;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An operator release, {@code major.minor.patch[-pre]}, ordered as semantic versions are: a
 * pre-release (a SNAPSHOT build) comes before its release.
 */
record OperatorVersion(int[] numbers, String preRelease) implements Comparable<OperatorVersion> {

  private static final Pattern SHAPE = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)(?:-(.+))?");

  static Optional<OperatorVersion> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher matcher = SHAPE.matcher(text.strip());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    int[] numbers = new int[3];
    for (int i = 0; i < 3; i++) {
      numbers[i] = Integer.parseInt(matcher.group(i + 1));
    }
    return Optional.of(new OperatorVersion(numbers, matcher.group(4)));
  }

  @Override
  public int compareTo(OperatorVersion other) {
    int byNumbers = Arrays.compare(numbers, other.numbers);
    if (byNumbers != 0) {
      return byNumbers;
    }
    if (preRelease == null || other.preRelease == null) {
      return preRelease == null ? (other.preRelease == null ? 0 : 1) : -1;
    }
    return comparePreReleases(preRelease.split("\\."), other.preRelease.split("\\."));
  }

  /** Semantic versioning's order: numbers by value and before words, then the longer list last. */
  private static int comparePreReleases(String[] ours, String[] theirs) {
    for (int i = 0; i < Math.min(ours.length, theirs.length); i++) {
      boolean ourNumber = ours[i].matches("\\d+");
      boolean theirNumber = theirs[i].matches("\\d+");
      int byPart;
      if (ourNumber && theirNumber) {
        byPart = new BigInteger(ours[i]).compareTo(new BigInteger(theirs[i]));
      } else if (ourNumber != theirNumber) {
        byPart = ourNumber ? -1 : 1;
      } else {
        byPart = ours[i].compareTo(theirs[i]);
      }
      if (byPart != 0) {
        return byPart;
      }
    }
    return Integer.compare(ours.length, theirs.length);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OperatorVersion version && compareTo(version) == 0;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(numbers) * 31 + (preRelease == null ? 0 : preRelease.hashCode());
  }

  @Override
  public String toString() {
    String release = numbers[0] + "." + numbers[1] + "." + numbers[2];
    return preRelease == null ? release : release + "-" + preRelease;
  }
}
