package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How istio-cni redirects the traffic of ambient pods inside their network namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CniAmbientSpec {

  @JsonPropertyDescription(
      "Redirect ambient pods' DNS queries to ztunnel's DNS proxy (cni.ambient.dnsCapture), so"
          + " ServiceEntry hosts resolve; true when unset. Turn off where a node-local DNS cache"
          + " must see the queries.")
  private Boolean dnsCapture;

  @JsonPropertyDescription(
      "Redirect ambient pods' IPv6 traffic as well (cni.ambient.ipv6); true when unset. Turn off"
          + " on nodes whose kernel lacks ip6tables.")
  private Boolean ipv6;

  public Boolean getDnsCapture() {
    return dnsCapture;
  }

  public void setDnsCapture(Boolean dnsCapture) {
    this.dnsCapture = dnsCapture;
  }

  public Boolean getIpv6() {
    return ipv6;
  }

  public void setIpv6(Boolean ipv6) {
    this.ipv6 = ipv6;
  }
}
