package dev.meshoperator.catalog;

/**
 * One installable Istio release and what the catalog knows about its minor line.
 *
 * @param version the release, e.g. 1.30.3; also the image tag
 * @param line its minor line
 * @param kubernetesMin oldest Kubernetes line upstream supports for it
 * @param kubernetesMax newest Kubernetes line upstream supports for it
 * @param oldestCompatibilityVersion oldest compatibility version it ships a profile for
 */
public record IstioRelease(
    String version,
    MinorVersion line,
    MinorVersion kubernetesMin,
    MinorVersion kubernetesMax,
    MinorVersion oldestCompatibilityVersion) {}
