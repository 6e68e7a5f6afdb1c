package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

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
      return name().toLowerCase(java.util.Locale.ROOT);
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
}
