package dev.meshoperator.catalog;

import dev.meshoperator.istioapi.PublishedApi;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One installable Istio release and what the catalog knows about its minor line.
 *
 * @param version the release, e.g. 1.30.3; also the image tag
 * @param line its minor line
 * @param kubernetesMin oldest Kubernetes line upstream supports for it
 * @param kubernetesMax newest Kubernetes line upstream supports for it
 * @param oldestCompatibilityVersion oldest compatibility version it ships a profile for
 * @param endOfLife the day upstream stopped supporting its line, if that day is known
 * @param api Istio's published API (CRDs, MeshConfig) it installs and is checked against
 * @param addedTemplates the injection templates its istiod chart has beyond the six of every line
 */
public record IstioRelease(
    String version,
    MinorVersion line,
    MinorVersion kubernetesMin,
    MinorVersion kubernetesMax,
    MinorVersion oldestCompatibilityVersion,
    Optional<LocalDate> endOfLife,
    PublishedApi api,
    List<String> addedTemplates) {

  /**
   * The injection templates every catalogued line's istiod has: sidecar (the default), gateway (a
   * Deployment that asks for it), waypoint and kube-gateway (the proxies istiod deploys for
   * Gateways of class istio-waypoint and istio), and the two proxyless gRPC ones.
   */
  public static final List<String> EVERY_LINES_TEMPLATES =
      List.of("sidecar", "gateway", "waypoint", "kube-gateway", "grpc-agent", "grpc-simple");

  /** Every injection template this release's istiod has, by name. */
  public List<String> injectionTemplates() {
    return Stream.concat(EVERY_LINES_TEMPLATES.stream(), addedTemplates.stream()).toList();
  }

  /**
   * Orders release numbers as semantic versions: major, minor and patch as numbers (1.30.10 after
   * 1.30.9), then a pre-release before its release (1.31.0-beta.1 before 1.31.0-rc.0 before
   * 1.31.0), its dot-separated identifiers compared as numbers where both are numeric.
   */
  public static int compare(String a, String b) {
    String[] left = a.split("-", 2);
    String[] right = b.split("-", 2);
    String[] leftNumbers = left[0].split("[.]");
    String[] rightNumbers = right[0].split("[.]");
    for (int i = 0; i < 3; i++) {
      int order = Long.compare(number(leftNumbers, i), number(rightNumbers, i));
      if (order != 0) {
        return order;
      }
    }
    if (left.length == 1 || right.length == 1) {
      return Integer.compare(right.length, left.length);
    }
    return comparePreRelease(left[1].split("[.]"), right[1].split("[.]"));
  }

  /** Whether upstream's support of its line has ended by {@code today}. */
  public boolean endOfLifeBy(LocalDate today) {
    return endOfLife.filter(day -> !day.isAfter(today)).isPresent();
  }

  /** The same at {@code now}, a day as upstream's dates are (UTC). */
  public boolean endOfLifeBy(Instant now) {
    return endOfLifeBy(LocalDate.ofInstant(now, ZoneOffset.UTC));
  }

  /** What a user is told of an ended line, where refused and where warned alike. */
  public String endOfLifeNotice() {
    return "Istio "
        + line
        + " reached its end of life on "
        + endOfLife.orElseThrow()
        + " and gets no more security patches";
  }

  /** Whether this is a pre-release (1.31.0-rc.0): aliases prefer a release to it. */
  public boolean isPreRelease() {
    return version.contains("-");
  }

  private static int comparePreRelease(String[] left, String[] right) {
    for (int i = 0; i < Math.min(left.length, right.length); i++) {
      boolean leftNumeric = left[i].matches("[0-9]+");
      boolean rightNumeric = right[i].matches("[0-9]+");
      int order;
      if (leftNumeric && rightNumeric) {
        order = Long.compare(Long.parseLong(left[i]), Long.parseLong(right[i]));
      } else if (leftNumeric != rightNumeric) {
        order = leftNumeric ? -1 : 1;
      } else {
        order = left[i].compareTo(right[i]);
      }
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(left.length, right.length);
  }

  private static long number(String[] parts, int index) {
    String digits = index < parts.length ? parts[index].replaceAll("\\D.*", "") : "";
    return digits.isEmpty() ? 0 : Long.parseLong(digits);
  }
}
