package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/** One namespace of a move off another tool's istiod (spec.adopt). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MovedNamespaceStatus {

  /** Workloads listed per namespace at most; the count says how many there are. */
  public static final int MAX_LISTED = 10;

  @JsonPropertyDescription("The namespace.")
  private String name;

  @JsonPropertyDescription(
      "The label by which it selected the other install's revision, as key=value; recorded on the"
          + " namespace (annotation mesh.operator.dev/moved-from) and put back on a rollback.")
  private String from;

  @JsonPropertyDescription(
      "Waiting (not moved yet), Moving (labelled for this installation's revision, some pods still"
          + " run the other one), Moved (no pod runs the other one) or Returned (its label put"
          + " back).")
  private String state;

  @JsonPropertyDescription("How many workloads' pods still run the other install's revision.")
  private Integer foreignWorkloads;

  @JsonPropertyDescription(
      "The first of those workloads, as namespace/Kind/name, sorted (at most 10).")
  private List<String> workloads;

  public MovedNamespaceStatus() {}

  public MovedNamespaceStatus(String name, String from, String state, List<String> workloads) {
    this.name = name;
    this.from = from;
    this.state = state;
    this.foreignWorkloads = workloads.size();
    this.workloads =
        workloads.isEmpty()
            ? null
            : List.copyOf(workloads.subList(0, Math.min(MAX_LISTED, workloads.size())));
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public Integer getForeignWorkloads() {
    return foreignWorkloads;
  }

  public void setForeignWorkloads(Integer foreignWorkloads) {
    this.foreignWorkloads = foreignWorkloads;
  }

  public List<String> getWorkloads() {
    return workloads;
  }

  public void setWorkloads(List<String> workloads) {
    this.workloads = workloads;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MovedNamespaceStatus other
        && Objects.equals(name, other.name)
        && Objects.equals(from, other.from)
        && Objects.equals(state, other.state)
        && Objects.equals(foreignWorkloads, other.foreignWorkloads)
        && Objects.equals(workloads, other.workloads);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, from, state, foreignWorkloads);
  }
}
