package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** How Istio's own Go programs log: istiod, istio-cni, the gateways' and sidecars' agents. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LoggingSpec {

  /**
   * Istio's --log_output_level grammar: comma-separated {@code scope:level} pairs, a bare level
   * standing for the default scope's; the levels are those of istio.io/istio/pkg/log.
   */
  public static final String LEVELS =
      "^(([a-z][-a-z0-9_.]*:)?(none|fatal|error|warn|info|debug))"
          + "(,([a-z][-a-z0-9_.]*:)?(none|fatal|error|warn|info|debug))*$";

  @JsonPropertyDescription(
      "Log levels of istiod and of the agents of istio-cni, the gateways and the injected"
          + " proxies (global.logging.level), as scope:level pairs separated by commas, e.g."
          + " default:info,ads:debug; a bare level is the default scope's, and all:debug sets every"
          + " scope. Levels: none, fatal, error, warn, info, debug. default:info when unset"
          + " (istio-cni: info). A scope a program does not have is ignored by it. A pod's"
          + " sidecar.istio.io/agentLogLevel annotation still wins.")
  @Size(max = 1024)
  @Pattern(LEVELS)
  private String level;

  @JsonPropertyDescription(
      "Log as JSON lines instead of text (global.logAsJson): istiod, istio-cni, ztunnel, the"
          + " gateways and the injected proxies.")
  private Boolean asJson;

  public String getLevel() {
    return level;
  }

  public void setLevel(String level) {
    this.level = level;
  }

  public Boolean getAsJson() {
    return asJson;
  }

  public void setAsJson(Boolean asJson) {
    this.asJson = asJson;
  }
}
