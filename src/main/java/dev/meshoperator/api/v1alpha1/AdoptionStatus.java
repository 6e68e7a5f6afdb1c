package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/** How a move off another tool's istiod stands (spec.adopt), namespace by namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AdoptionStatus {

  @JsonPropertyDescription("The other install's revision the namespaces move from.")
  private String revision;

  @JsonPropertyDescription("Every namespace of the move, sorted by name.")
  private List<MovedNamespaceStatus> namespaces;

  public String getRevision() {
    return revision;
  }

  public void setRevision(String revision) {
    this.revision = revision;
  }

  public List<MovedNamespaceStatus> getNamespaces() {
    return namespaces;
  }

  public void setNamespaces(List<MovedNamespaceStatus> namespaces) {
    this.namespaces = namespaces;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AdoptionStatus other
        && Objects.equals(revision, other.revision)
        && Objects.equals(namespaces, other.namespaces);
  }

  @Override
  public int hashCode() {
    return Objects.hash(revision, namespaces);
  }
}
