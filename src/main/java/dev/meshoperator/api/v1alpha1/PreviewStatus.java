package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/**
 * While spec.paused is true: what the next reconcile would do, from the same plan and render it
 * would apply. Objects are named Kind/namespace/name (Kind/name when cluster-scoped).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PreviewStatus {

  /** The most entries each list keeps; the rest are counted in omitted. */
  public static final int MAX_ENTRIES = 100;

  @JsonPropertyDescription("The metadata.generation this preview was computed for.")
  private Long observedGeneration;

  @JsonPropertyDescription("Objects that would be created.")
  private List<String> create = List.of();

  @JsonPropertyDescription("Objects that would be changed, with the fields that would change.")
  private List<PreviewChange> change = List.of();

  @JsonPropertyDescription("Objects that would be deleted.")
  private List<String> delete = List.of();

  @JsonPropertyDescription("Entries left out of the lists above, beyond 100 each.")
  private Integer omitted;

  public PreviewStatus() {}

  public PreviewStatus(
      Long observedGeneration,
      List<String> create,
      List<PreviewChange> change,
      List<String> delete,
      Integer omitted) {
    this.observedGeneration = observedGeneration;
    this.create = create;
    this.change = change;
    this.delete = delete;
    this.omitted = omitted;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<String> getCreate() {
    return create;
  }

  public void setCreate(List<String> create) {
    this.create = create;
  }

  public List<PreviewChange> getChange() {
    return change;
  }

  public void setChange(List<PreviewChange> change) {
    this.change = change;
  }

  public List<String> getDelete() {
    return delete;
  }

  public void setDelete(List<String> delete) {
    this.delete = delete;
  }

  public Integer getOmitted() {
    return omitted;
  }

  public void setOmitted(Integer omitted) {
    this.omitted = omitted;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PreviewStatus other
        && Objects.equals(observedGeneration, other.observedGeneration)
        && Objects.equals(create, other.create)
        && Objects.equals(change, other.change)
        && Objects.equals(delete, other.delete)
        && Objects.equals(omitted, other.omitted);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, create, change, delete, omitted);
  }
}
