package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A named revision tag (istio.io/rev=<name>) pinned to the revision of one version. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.name != 'default'",
    message = "the default tag follows promotion; name another tag")
public class RevisionTagSpec {

  @JsonPropertyDescription("Tag name: namespaces labelled istio.io/rev=<name> follow it.")
  @Required
  @Size(max = 63)
  @Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
  private String name;

  @JsonPropertyDescription("The Istio version whose revision the tag points at.")
  @Required
  @Size(max = 64)
  private String version;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }
}
