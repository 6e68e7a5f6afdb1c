package dev.meshoperator.render;

import dev.meshoperator.catalog.MinorVersion;
import java.util.List;

/**
 * Istio's own custom resource types, per release line: group, names, versions and the storage
 * version, as the base chart of each release declares them.
 */
final class IstioCrds {

  /**
   * One Istio CRD.
   *
   * @param versions served versions; the first is the storage version
   * @param since first Istio line that ships it
   */
  record Definition(
      String group,
      String kind,
      String plural,
      List<String> shortNames,
      List<String> versions,
      MinorVersion since) {

    String name() {
      return plural + "." + group;
    }

    /** Category names Istio puts its CRDs in, e.g. {@code kubectl get istio-io}. */
    List<String> categories() {
      return List.of("istio-io", group.replace('.', '-'));
    }
  }

  private static final MinorVersion ALWAYS = new MinorVersion(1, 0);
  private static final List<String> NETWORKING_VERSIONS = List.of("v1", "v1alpha3", "v1beta1");
  private static final List<String> SECURITY_VERSIONS = List.of("v1", "v1beta1");

  static final List<Definition> ALL =
      List.of(
          new Definition(
              "extensions.istio.io",
              "TrafficExtension",
              "trafficextensions",
              List.of(),
              List.of("v1alpha1"),
              new MinorVersion(1, 30)),
          new Definition(
              "extensions.istio.io",
              "WasmPlugin",
              "wasmplugins",
              List.of(),
              List.of("v1alpha1"),
              ALWAYS),
          new Definition(
              "networking.istio.io",
              "DestinationRule",
              "destinationrules",
              List.of("dr"),
              NETWORKING_VERSIONS,
              ALWAYS),
          new Definition(
              "networking.istio.io",
              "EnvoyFilter",
              "envoyfilters",
              List.of(),
              List.of("v1alpha3"),
              ALWAYS),
          new Definition(
              "networking.istio.io",
              "Gateway",
              "gateways",
              List.of("gw"),
              NETWORKING_VERSIONS,
              ALWAYS),
          new Definition(
              "networking.istio.io",
              "ProxyConfig",
              "proxyconfigs",
              List.of(),
              List.of("v1beta1"),
              ALWAYS),
          new Definition(
              "networking.istio.io",
              "ServiceEntry",
              "serviceentries",
              List.of("se"),
              NETWORKING_VERSIONS,
              ALWAYS),
          new Definition(
              "networking.istio.io", "Sidecar", "sidecars", List.of(), NETWORKING_VERSIONS, ALWAYS),
          new Definition(
              "networking.istio.io",
              "VirtualService",
              "virtualservices",
              List.of("vs"),
              NETWORKING_VERSIONS,
              ALWAYS),
          new Definition(
              "networking.istio.io",
              "WorkloadEntry",
              "workloadentries",
              List.of("we"),
              NETWORKING_VERSIONS,
              ALWAYS),
          new Definition(
              "networking.istio.io",
              "WorkloadGroup",
              "workloadgroups",
              List.of("wg"),
              NETWORKING_VERSIONS,
              ALWAYS),
          new Definition(
              "security.istio.io",
              "AuthorizationPolicy",
              "authorizationpolicies",
              List.of("ap"),
              SECURITY_VERSIONS,
              ALWAYS),
          new Definition(
              "security.istio.io",
              "PeerAuthentication",
              "peerauthentications",
              List.of("pa"),
              SECURITY_VERSIONS,
              ALWAYS),
          new Definition(
              "security.istio.io",
              "RequestAuthentication",
              "requestauthentications",
              List.of("ra"),
              SECURITY_VERSIONS,
              ALWAYS),
          // Telemetry still stores v1alpha1 although v1 is served.
          new Definition(
              "telemetry.istio.io",
              "Telemetry",
              "telemetries",
              List.of("telemetry"),
              List.of("v1alpha1", "v1"),
              ALWAYS));

  /** The groups istiod validates and watches. */
  static final List<String> CONFIG_GROUPS =
      List.of(
          "security.istio.io", "networking.istio.io", "telemetry.istio.io", "extensions.istio.io");

  static List<Definition> forLine(MinorVersion line) {
    return ALL.stream().filter(d -> !d.since().isAfter(line)).toList();
  }

  private IstioCrds() {}
}
