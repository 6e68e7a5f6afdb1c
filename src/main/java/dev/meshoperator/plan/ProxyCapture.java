package dev.meshoperator.plan;

import dev.meshoperator.api.v1alpha1.SidecarProxySpec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the injected sidecars' traffic capture leaves out or takes in, in the comma-separated form
 * istio-init and Istio's injection templates read (global.proxy.*IPRanges, *Ports).
 *
 * @param includeIPRanges CIDRs captured outbound; {@code *} for every address, empty for none
 * @param excludeIPRanges CIDRs never captured outbound
 * @param excludeInboundPorts ports never captured inbound
 * @param excludeOutboundPorts ports never captured outbound
 */
public record ProxyCapture(
    String includeIPRanges,
    String excludeIPRanges,
    String excludeInboundPorts,
    String excludeOutboundPorts) {

  static final ProxyCapture DEFAULT = new ProxyCapture("*", "", "", "");

  static ProxyCapture of(SidecarProxySpec proxy) {
    return new ProxyCapture(
        proxy.getIncludeIPRanges() == null
            ? DEFAULT.includeIPRanges()
            : cidrs("includeIPRanges", proxy.getIncludeIPRanges()),
        cidrs("excludeIPRanges", proxy.getExcludeIPRanges()),
        ports(proxy.getExcludeInboundPorts()),
        ports(proxy.getExcludeOutboundPorts()));
  }

  /**
   * The CIDRs joined, each checked as istio-init parses it: the CRD's pattern admits the shape of
   * an IPv6 CIDR, not every address it spells.
   */
  private static String cidrs(String field, List<String> cidrs) {
    List<String> all = Objects.requireNonNullElse(cidrs, List.of());
    for (String cidr : all) {
      if (!isCidr(cidr)) {
        throw new InvalidSpecException(
            InvalidSpecException.Reason.InvalidSpec,
            "spec.values.proxy." + field + ": " + cidr + " is not an IPv4 or IPv6 CIDR");
      }
    }
    return String.join(",", all);
  }

  /** Whether istio-init would read {@code cidr} as one IPv4 or IPv6 CIDR. */
  public static boolean isCidr(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String address = cidr.substring(0, slash);
    // Only literal addresses: InetAddress would look a name up.
    if (!address.matches("[0-9a-fA-F:.]+")
        || !(address.contains(":") || address.matches("([0-9]{1,3}[.]){3}[0-9]{1,3}"))) {
      return false;
    }
    try {
      int bits = Integer.parseInt(cidr.substring(slash + 1));
      InetAddress.getByName(address);
      // Java folds ::ffff:a.b.c.d into IPv4; Go's netip keeps it IPv6, 128 bits.
      int length = address.contains(":") ? 128 : 32;
      return bits >= 0 && bits <= length;
    } catch (UnknownHostException | NumberFormatException e) {
      return false;
    }
  }

  private static String ports(List<Integer> ports) {
    return Objects.requireNonNullElse(ports, List.<Integer>of()).stream()
        .map(String::valueOf)
        .collect(Collectors.joining(","));
  }
}
