package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Moving namespaces off an istiod another tool installed (Helm, istioctl) onto this one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AdoptSpec {

  @JsonPropertyDescription(
      "The other install's revision whose namespaces move: default for one installed without a"
          + " revision (the namespaces labelled istio-injection=enabled), otherwise the value of"
          + " their istio.io/rev label. Removing spec.adopt puts the labels of the namespaces moved"
          + " so far back as they were.")
  @Required
  @Size(max = 63)
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  private String revision;

  @JsonPropertyDescription(
      "Once no namespace and no pod uses that revision, take over the default revision tag and"
          + " istiod-default-validator from the other install. Without it they are taken over only"
          + " once the other istiod is gone.")
  @Default("false")
  private Boolean handOver;

  public String getRevision() {
    return revision;
  }

  public void setRevision(String revision) {
    this.revision = revision;
  }

  public Boolean getHandOver() {
    return handOver;
  }

  public void setHandOver(Boolean handOver) {
    this.handOver = handOver;
  }
}
