package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** A namespace-wide waypoint: a Gateway of class istio-waypoint that the namespace then uses. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "has(self.__namespace__) != (has(self.allEnrolledNamespaces) &&"
            + " self.allEnrolledNamespaces)",
    message = "a waypoint names exactly one of namespace or allEnrolledNamespaces: true")
public class WaypointSpec {

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
      return name().toLowerCase(java.util.Locale.ROOT);
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
}
