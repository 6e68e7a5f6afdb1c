package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Locale;

/**
 * Defaults of injected sidecars; a pod's own annotations (sidecar.istio.io/proxyCPU, logLevel, ...)
 * still win, as Istio decides.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SidecarProxySpec {

  /** Envoy's log levels. */
  public enum LogLevel {
    @JsonProperty("trace")
    TRACE,
    @JsonProperty("debug")
    DEBUG,
    @JsonProperty("info")
    INFO,
    @JsonProperty("warning")
    WARNING,
    @JsonProperty("error")
    ERROR,
    @JsonProperty("critical")
    CRITICAL,
    @JsonProperty("off")
    OFF;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @JsonPropertyDescription(
      "Resources of the istio-proxy container (global.proxy.resources); replaces the default of"
          + " 100m/128Mi requested, 2 CPUs/1Gi limit.")
  @SchemaFrom(type = ResourcesSchema.class)
  private ResourceRequirements resources;

  @JsonPropertyDescription("Envoy's log level (global.proxy.logLevel); warning when unset.")
  private LogLevel logLevel;

  @JsonPropertyDescription(
      "Envoy worker threads (meshConfig.defaultConfig.concurrency); 0 uses every core, unset lets"
          + " Istio size it from the CPU limit.")
  @Min(0)
  @Max(256)
  private Integer concurrency;

  @JsonPropertyDescription(
      "Start the application containers only once the proxy is ready"
          + " (global.proxy.holdApplicationUntilProxyStarts).")
  private Boolean holdApplicationUntilProxyStarts;

  /** An IPv4 or IPv6 CIDR; the operator parses each one again before rendering. */
  static final String CIDR =
      "^(((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])[.]){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|"
          + "[1-9]?[0-9])/([0-9]|[12][0-9]|3[0-2])"
          + "|[0-9a-fA-F:]*:[0-9a-fA-F:.]*/([0-9]|[1-9][0-9]|1[01][0-9]|12[0-8]))$";

  @JsonPropertyDescription(
      "Outbound destinations the sidecars capture, as CIDRs (global.proxy.includeIPRanges); every"
          + " address when unset. A pod's traffic.sidecar.istio.io/includeOutboundIPRanges"
          + " annotation still wins.")
  @Size(max = 64)
  private List<@Size(max = 64) @Pattern(CIDR) String> includeIPRanges;

  @JsonPropertyDescription(
      "Outbound destinations the sidecars never capture, as CIDRs (global.proxy.excludeIPRanges),"
          + " e.g. 169.254.169.254/32 for a cloud's instance metadata. A pod's"
          + " traffic.sidecar.istio.io/excludeOutboundIPRanges annotation still wins.")
  @Size(max = 64)
  private List<@Size(max = 64) @Pattern(CIDR) String> excludeIPRanges;

  @JsonPropertyDescription(
      "Inbound ports the sidecars never capture (global.proxy.excludeInboundPorts); 15020,"
          + " 15021 and 15090 are never captured anyway. A pod's"
          + " traffic.sidecar.istio.io/excludeInboundPorts annotation still wins.")
  @Size(max = 64)
  private List<@Min(1) @Max(65535) Integer> excludeInboundPorts;

  @JsonPropertyDescription(
      "Outbound ports the sidecars never capture (global.proxy.excludeOutboundPorts), e.g. a"
          + " database's. A pod's traffic.sidecar.istio.io/excludeOutboundPorts annotation still"
          + " wins.")
  @Size(max = 64)
  private List<@Min(1) @Max(65535) Integer> excludeOutboundPorts;

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public LogLevel getLogLevel() {
    return logLevel;
  }

  public void setLogLevel(LogLevel logLevel) {
    this.logLevel = logLevel;
  }

  public Integer getConcurrency() {
    return concurrency;
  }

  public void setConcurrency(Integer concurrency) {
    this.concurrency = concurrency;
  }

  public Boolean getHoldApplicationUntilProxyStarts() {
    return holdApplicationUntilProxyStarts;
  }

  public void setHoldApplicationUntilProxyStarts(Boolean holdApplicationUntilProxyStarts) {
    this.holdApplicationUntilProxyStarts = holdApplicationUntilProxyStarts;
  }

  public List<String> getIncludeIPRanges() {
    return includeIPRanges;
  }

  public void setIncludeIPRanges(List<String> includeIPRanges) {
    this.includeIPRanges = includeIPRanges;
  }

  public List<String> getExcludeIPRanges() {
    return excludeIPRanges;
  }

  public void setExcludeIPRanges(List<String> excludeIPRanges) {
    this.excludeIPRanges = excludeIPRanges;
  }

  public List<Integer> getExcludeInboundPorts() {
    return excludeInboundPorts;
  }

  public void setExcludeInboundPorts(List<Integer> excludeInboundPorts) {
    this.excludeInboundPorts = excludeInboundPorts;
  }

  public List<Integer> getExcludeOutboundPorts() {
    return excludeOutboundPorts;
  }

  public void setExcludeOutboundPorts(List<Integer> excludeOutboundPorts) {
    this.excludeOutboundPorts = excludeOutboundPorts;
  }
}
