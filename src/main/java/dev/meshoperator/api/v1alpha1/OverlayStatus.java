package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** One overlay the last reconcile applied: settings the typed API does not model. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OverlayStatus {

  @JsonPropertyDescription("Kind of the patched objects.")
  private String kind;

  @JsonPropertyDescription("Their name, or the prefix ending in * that names them.")
  private String name;

  @JsonPropertyDescription("Their namespace; unset for cluster-scoped kinds.")
  private String namespace;

  @JsonPropertyDescription("How many patch operations were applied to each.")
  private Integer patches;

  public OverlayStatus() {}

  public OverlayStatus(String kind, String name, String namespace, int patches) {
    this.kind = kind;
    this.name = name;
    this.namespace = namespace;
    this.patches = patches;
  }

  /** {@code 2 patches on Deployment istio-system/istiod}. */
  public String describe() {
    return patches
        + (patches == 1 ? " patch on " : " patches on ")
        + kind
        + " "
        + (namespace == null ? name : namespace + "/" + name);
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

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

  public Integer getPatches() {
    return patches;
  }

  public void setPatches(Integer patches) {
    this.patches = patches;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OverlayStatus other
        && Objects.equals(kind, other.kind)
        && Objects.equals(name, other.name)
        && Objects.equals(namespace, other.namespace)
        && Objects.equals(patches, other.patches);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, name, namespace, patches);
  }
}
