package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator observed; computed from the plan and the cluster, never stored for itself. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MeshInstallationStatus {

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("The Istio version the spec resolved to.")
  private String version;

  @JsonPropertyDescription(
      "Where version comes from: Release (spec.version names it), Alias (spec.version is an alias"
          + " the operator follows), Installed (spec.version is unset: the version first installed,"
          + " kept), Defaulted (an alias an earlier CRD defaulted, counted as unset).")
  private String versionSource;

  @JsonPropertyDescription(
      "Which catalog the version comes from: built-in, or the runtime catalog (ConfigMap) that"
          + " added it.")
  private String versionCatalog;

  @JsonPropertyDescription(
      "Istio's CRDs in the cluster: the istio.io/api release of their schemas and who manages"
          + " them.")
  @JsonProperty("istioCRDs")
  private IstioCrdsStatus istioCrds;

  @JsonPropertyDescription("The revision new workloads are injected by.")
  private String activeRevision;

  @JsonPropertyDescription("The compatibility version in effect, if any.")
  private String compatibilityVersion;

  @JsonPropertyDescription("Reconciled and Ready, after the Kubernetes API conventions.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Readiness of each enabled component.")
  private List<ComponentStatus> components = new ArrayList<>();

  @JsonPropertyDescription("RevisionBased only: every running revision, active one first.")
  private List<RevisionStatus> revisions;

  @JsonPropertyDescription("Ambient namespace enrollment and waypoints, when spec.ambient is set.")
  private AmbientStatus ambient;

  @JsonPropertyDescription(
      "While spec.paused is true: what the next reconcile would create, change and delete.")
  private PreviewStatus preview;

  @JsonPropertyDescription(
      "Installations of Istio by other tools (Helm, istioctl) found in the cluster, which the"
          + " operator leaves alone: see docs/migration.md.")
  private List<ForeignIstioStatus> foreignIstio;

  @JsonPropertyDescription(
      "While spec.adopt is set, or namespaces it moved still carry their old label's record: the"
          + " move, namespace by namespace.")
  private AdoptionStatus adoption;

  @JsonPropertyDescription(
      "The overlays (spec.overlays) the last applied spec patched rendered objects with: settings"
          + " applied, not modelled.")
  private List<OverlayStatus> overlays;

  public List<OverlayStatus> getOverlays() {
    return overlays;
  }

  public void setOverlays(List<OverlayStatus> overlays) {
    this.overlays = overlays;
  }

  public AdoptionStatus getAdoption() {
    return adoption;
  }

  public void setAdoption(AdoptionStatus adoption) {
    this.adoption = adoption;
  }

  public List<ForeignIstioStatus> getForeignIstio() {
    return foreignIstio;
  }

  public void setForeignIstio(List<ForeignIstioStatus> foreignIstio) {
    this.foreignIstio = foreignIstio;
  }

  public PreviewStatus getPreview() {
    return preview;
  }

  public void setPreview(PreviewStatus preview) {
    this.preview = preview;
  }

  public String getVersionCatalog() {
    return versionCatalog;
  }

  public void setVersionCatalog(String versionCatalog) {
    this.versionCatalog = versionCatalog;
  }

  public String getVersionSource() {
    return versionSource;
  }

  public void setVersionSource(String versionSource) {
    this.versionSource = versionSource;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public String getActiveRevision() {
    return activeRevision;
  }

  public void setActiveRevision(String activeRevision) {
    this.activeRevision = activeRevision;
  }

  public String getCompatibilityVersion() {
    return compatibilityVersion;
  }

  public void setCompatibilityVersion(String compatibilityVersion) {
    this.compatibilityVersion = compatibilityVersion;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public List<ComponentStatus> getComponents() {
    return components;
  }

  public void setComponents(List<ComponentStatus> components) {
    this.components = components;
  }

  public List<RevisionStatus> getRevisions() {
    return revisions;
  }

  public void setRevisions(List<RevisionStatus> revisions) {
    this.revisions = revisions;
  }

  public AmbientStatus getAmbient() {
    return ambient;
  }

  public void setAmbient(AmbientStatus ambient) {
    this.ambient = ambient;
  }

  public IstioCrdsStatus getIstioCrds() {
    return istioCrds;
  }

  public void setIstioCrds(IstioCrdsStatus istioCrds) {
    this.istioCrds = istioCrds;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MeshInstallationStatus other
        && Objects.equals(observedGeneration, other.observedGeneration)
        && Objects.equals(version, other.version)
        && Objects.equals(versionSource, other.versionSource)
        && Objects.equals(versionCatalog, other.versionCatalog)
        && Objects.equals(istioCrds, other.istioCrds)
        && Objects.equals(activeRevision, other.activeRevision)
        && Objects.equals(compatibilityVersion, other.compatibilityVersion)
        && Objects.equals(conditions, other.conditions)
        && Objects.equals(components, other.components)
        && Objects.equals(revisions, other.revisions)
        && Objects.equals(ambient, other.ambient)
        && Objects.equals(preview, other.preview)
        && Objects.equals(foreignIstio, other.foreignIstio)
        && Objects.equals(adoption, other.adoption)
        && Objects.equals(overlays, other.overlays);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        observedGeneration, version, versionSource, activeRevision, conditions, components);
  }
}
