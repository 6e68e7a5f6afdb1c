package dev.meshoperator.catalog;

import dev.meshoperator.istioapi.PublishedApi;
import java.util.List;

/**
 * One installable Istio release and what the catalog knows about its minor line.
 *
 * @param version the release, e.g. 1.30.3; also the image tag
 * @param line its minor line
 * @param kubernetesMin oldest Kubernetes line upstream supports for it
 * @param kubernetesMax newest Kubernetes line upstream supports for it
 * @param oldestCompatibilityVersion oldest compatibility version it ships a profile for
 * @param api Istio's published API (CRDs, MeshConfig) it installs and is checked against
 * @param addedTemplates the injection templates its istiod chart has beyond the six of every line
 */
public record IstioRelease(
    String version,
    MinorVersion line,
    MinorVersion kubernetesMin,
    MinorVersion kubernetesMax,
    MinorVersion oldestCompatibilityVersion,
    PublishedApi api,
    List<String> addedTemplates) {

  /**
   * Orders release numbers by major, minor and patch as numbers (1.30.10 after 1.30.9); anything
   * after the patch number is ignored.
   */
  public static int compare(String a, String b) {
    String[] left = a.split("[.-]");
    String[] right = b.split("[.-]");
    for (int i = 0; i < 3; i++) {
      int order = Long.compare(number(left, i), number(right, i));
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }

  private static long number(String[] parts, int index) {
    String digits = index < parts.length ? parts[index].replaceAll("\\D.*", "") : "";
    return digits.isEmpty() ? 0 : Long.parseLong(digits);
  }
}
