package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/** One object a paused installation would change. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PreviewChange {

  @JsonPropertyDescription("Kind/namespace/name, or Kind/name when cluster-scoped.")
  private String object;

  @JsonPropertyDescription(
      "Paths of the fields that would change, as the API server would store them (at most 20).")
  private List<String> fields = List.of();

  public PreviewChange() {}

  public PreviewChange(String object, List<String> fields) {
    this.object = object;
    this.fields = fields;
  }

  public String getObject() {
    return object;
  }

  public void setObject(String object) {
    this.object = object;
  }

  public List<String> getFields() {
    return fields;
  }

  public void setFields(List<String> fields) {
    this.fields = fields;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PreviewChange other
        && Objects.equals(object, other.object)
        && Objects.equals(fields, other.fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(object, fields);
  }

  @Override
  public String toString() {
    return object + " " + fields;
  }
}
