package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** Which namespaces join the ambient data plane, and which waypoints they get. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AmbientSpec {

  @JsonPropertyDescription("Namespaces enrolled by name.")
  @Size(max = 1000)
  private List<String> namespaces;

  @JsonPropertyDescription(
      "Namespaces enrolled by label, including those created later. An empty selector selects"
          + " every namespace.")
  private LabelSelector namespaceSelector;

  @JsonPropertyDescription("Namespaces never enrolled, even when listed or selected.")
  @Size(max = 1000)
  private List<String> excludeNamespaces;

  @JsonPropertyDescription(
      "Whether a namespace that still has sidecar injection on (istio-injection=enabled or an"
          + " istio.io/rev label) may be switched to ambient: its injection labels are removed,"
          + " and put back when it is unenrolled. When false such a namespace is reported as a"
          + " conflict and left as it is.")
  @Default("false")
  private Boolean switchSidecarNamespaces;

  @JsonPropertyDescription("Waypoint proxies (L7) for enrolled namespaces.")
  @Size(max = 100)
  private List<WaypointSpec> waypoints;

  public List<String> getNamespaces() {
    return namespaces;
  }

  public void setNamespaces(List<String> namespaces) {
    this.namespaces = namespaces;
  }

  public LabelSelector getNamespaceSelector() {
    return namespaceSelector;
  }

  public void setNamespaceSelector(LabelSelector namespaceSelector) {
    this.namespaceSelector = namespaceSelector;
  }

  public List<String> getExcludeNamespaces() {
    return excludeNamespaces;
  }

  public void setExcludeNamespaces(List<String> excludeNamespaces) {
    this.excludeNamespaces = excludeNamespaces;
  }

  public Boolean getSwitchSidecarNamespaces() {
    return switchSidecarNamespaces;
  }

  public void setSwitchSidecarNamespaces(Boolean switchSidecarNamespaces) {
    this.switchSidecarNamespaces = switchSidecarNamespaces;
  }

  public List<WaypointSpec> getWaypoints() {
    return waypoints;
  }

  public void setWaypoints(List<WaypointSpec> waypoints) {
    this.waypoints = waypoints;
  }
}
