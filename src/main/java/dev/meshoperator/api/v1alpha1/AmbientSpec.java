package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** Which namespaces join the ambient data plane. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AmbientSpec {

  @JsonPropertyDescription("Namespaces enrolled by name.")
  private List<String> namespaces;

  @JsonPropertyDescription("Namespaces enrolled by label.")
  private LabelSelector namespaceSelector;

  @JsonPropertyDescription("Namespaces never enrolled, even when listed or selected.")
  private List<String> excludeNamespaces;

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
}
