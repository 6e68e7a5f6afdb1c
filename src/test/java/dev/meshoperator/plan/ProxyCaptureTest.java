package dev.meshoperator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshoperator.api.v1alpha1.SidecarProxySpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyCaptureTest {

  @Test
  void unsetCapturesEveryAddressAndExcludesNothing() {
    assertThat(ProxyCapture.of(new SidecarProxySpec())).isEqualTo(ProxyCapture.DEFAULT);
    assertThat(ProxyCapture.DEFAULT).isEqualTo(new ProxyCapture("*", "", "", ""));
  }

  @Test
  void listsBecomeTheCommaSeparatedValuesIstioInitReads() {
    SidecarProxySpec proxy = new SidecarProxySpec();
    proxy.setIncludeIPRanges(List.of("10.0.0.0/8", "fd00::/8"));
    proxy.setExcludeIPRanges(List.of("169.254.169.254/32"));
    proxy.setExcludeInboundPorts(List.of(8081));
    proxy.setExcludeOutboundPorts(List.of(5432, 6379));

    assertThat(ProxyCapture.of(proxy))
        .isEqualTo(
            new ProxyCapture("10.0.0.0/8,fd00::/8", "169.254.169.254/32", "8081", "5432,6379"));
  }

  @Test
  void anEmptyIncludeListCapturesNoOutboundAddress() {
    SidecarProxySpec proxy = new SidecarProxySpec();
    proxy.setIncludeIPRanges(List.of());

    assertThat(ProxyCapture.of(proxy).includeIPRanges()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"fd00::1::2/64", "2001:db8::/129", "1.2.3.4", "fe80::zz/10", "1.2.3/24"})
  void anAddressIstioInitWouldNotParseIsRefusedNamingTheField(String cidr) {
    SidecarProxySpec proxy = new SidecarProxySpec();
    proxy.setExcludeIPRanges(List.of("10.0.0.0/8", cidr));

    assertThatThrownBy(() -> ProxyCapture.of(proxy))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessage("spec.values.proxy.excludeIPRanges: " + cidr + " is not an IPv4 or IPv6 CIDR");
  }

  @ParameterizedTest
  @ValueSource(strings = {"::/0", "2001:db8::/32", "::ffff:10.0.0.0/104", "0.0.0.0/0"})
  void everyCidrShapeIstioAcceptsIsKept(String cidr) {
    SidecarProxySpec proxy = new SidecarProxySpec();
    proxy.setExcludeIPRanges(List.of(cidr));

    assertThat(ProxyCapture.of(proxy).excludeIPRanges()).isEqualTo(cidr);
  }
}
