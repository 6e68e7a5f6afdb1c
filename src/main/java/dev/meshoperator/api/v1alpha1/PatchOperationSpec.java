package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * One JSON patch operation (RFC 6902) on a rendered object. That add, replace and test carry a
 * value is checked by the operator: CEL cannot see a field of any type.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.op in ['move', 'copy'] ? has(self.from) : !has(self.from)",
    message = "from is the source of move and copy, and only of those")
public class PatchOperationSpec {

  /** The JSON pointer grammar: '/' and reference tokens; '~' only as ~0 or ~1. */
  static final String POINTER = "^(/([^~/]|~[01])*)+$";

  @JsonPropertyDescription("add, remove, replace, move, copy or test.")
  @Required
  @Pattern("^(add|remove|replace|move|copy|test)$")
  private String op;

  @JsonPropertyDescription(
      "JSON pointer into the object, e.g. /spec/template/spec/containers/0/env/- to append an"
          + " environment variable to the first container.")
  @Required
  @Size(max = 1024)
  @Pattern(POINTER)
  private String path;

  @JsonPropertyDescription("JSON pointer of the value to move or copy.")
  @Size(max = 1024)
  @Pattern(POINTER)
  private String from;

  @JsonPropertyDescription("The value to add, replace with or test for: any JSON.")
  @PreserveUnknownFields
  private JsonNode value;

  public String getOp() {
    return op;
  }

  public void setOp(String op) {
    this.op = op;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public JsonNode getValue() {
    return value;
  }

  public void setValue(JsonNode value) {
    this.value = value;
  }
}
