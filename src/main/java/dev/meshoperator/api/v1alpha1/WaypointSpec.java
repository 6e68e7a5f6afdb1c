package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Locale;
import java.util.Map;

/** A namespace-wide waypoint: a Gateway of class istio-waypoint that the namespace then uses. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "has(self.__namespace__) != (has(self.allEnrolledNamespaces) &&"
            + " self.allEnrolledNamespaces)",
    message = "a waypoint names exactly one of namespace or allEnrolledNamespaces: true")
public class WaypointSpec {

  /** Key prefixes istiod's gateway controller and the Gateway API give meaning to. */
  static final String RESERVED_GATEWAY_PREFIXES =
      "['gateway.networking.k8s.io/', 'gateway.istio.io/']";

  /** The Istio label that says which traffic a waypoint handles. */
  public enum TrafficType {
    @JsonProperty("service")
    SERVICE,
    @JsonProperty("workload")
    WORKLOAD,
    @JsonProperty("all")
    ALL,
    @JsonProperty("none")
    NONE;

    /** The label value. */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @JsonPropertyDescription("Name of the Gateway; the namespace's istio.io/use-waypoint value.")
  @Default("waypoint")
  @Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
  private String name;

  @JsonPropertyDescription("The enrolled namespace that gets this waypoint.")
  private String namespace;

  @JsonPropertyDescription("Give every enrolled namespace this waypoint (unless one names it).")
  private Boolean allEnrolledNamespaces;

  @JsonPropertyDescription(
      "Which traffic the waypoint handles (istio.io/waypoint-for); unset lets istiod choose"
          + " (service).")
  private TrafficType trafficType;

  @JsonPropertyDescription(
      "Extra labels of the waypoint's pods, given to istiod as the Gateway's infrastructure"
          + " labels (so its Deployment, Service and ServiceAccount carry them too). Keys the"
          + " operator or istiod set (app, istio.io/rev, gateway.networking.k8s.io/*, ...) are"
          + " refused.")
  @Size(max = 32)
  @ValidationRule(
      value =
          "self.all(k, !(k in "
              + WorkloadSpec.RESERVED_POD_LABELS
              + ") && !k.startsWith('mesh.operator.dev/') && !"
              + RESERVED_GATEWAY_PREFIXES
              + ".exists(p, k.startsWith(p)))",
      message = "a waypoint label the operator or istiod sets itself cannot be overridden")
  @ValidationRule(value = KubernetesRules.LABEL_KEYS, message = KubernetesRules.LABEL_KEYS_MESSAGE)
  @ValidationRule(
      value = KubernetesRules.LABEL_VALUES,
      message = KubernetesRules.LABEL_VALUES_MESSAGE)
  private Map<@Size(max = 63) String, @Size(max = 63) String> podLabels;

  @JsonPropertyDescription(
      "Extra annotations of the waypoint's pods, given to istiod as the Gateway's infrastructure"
          + " annotations (its Deployment, Service and ServiceAccount carry them too). Keys the"
          + " operator or istiod set (istio.io/rev, prometheus.io/*, gateway.istio.io/*, ...) are"
          + " refused.")
  @Size(max = 32)
  @ValidationRule(
      value =
          "self.all(k, !(k in "
              + WorkloadSpec.RESERVED_POD_ANNOTATIONS
              + ") && !"
              + WorkloadSpec.RESERVED_ANNOTATION_PREFIXES
              + ".exists(p, k.startsWith(p)) && !"
              + RESERVED_GATEWAY_PREFIXES
              + ".exists(p, k.startsWith(p)))",
      message = "a waypoint annotation the operator or istiod sets itself cannot be overridden")
  @ValidationRule(
      value = KubernetesRules.ANNOTATION_KEYS,
      message = KubernetesRules.ANNOTATION_KEYS_MESSAGE)
  private Map<@Size(max = 253) String, @Size(max = 4096) String> podAnnotations;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public Boolean getAllEnrolledNamespaces() {
    return allEnrolledNamespaces;
  }

  public void setAllEnrolledNamespaces(Boolean allEnrolledNamespaces) {
    this.allEnrolledNamespaces = allEnrolledNamespaces;
  }

  public TrafficType getTrafficType() {
    return trafficType;
  }

  public void setTrafficType(TrafficType trafficType) {
    this.trafficType = trafficType;
  }

  public Map<String, String> getPodLabels() {
    return podLabels;
  }

  public void setPodLabels(Map<String, String> podLabels) {
    this.podLabels = podLabels;
  }

  public Map<String, String> getPodAnnotations() {
    return podAnnotations;
  }

  public void setPodAnnotations(Map<String, String> podAnnotations) {
    this.podAnnotations = podAnnotations;
  }
}
