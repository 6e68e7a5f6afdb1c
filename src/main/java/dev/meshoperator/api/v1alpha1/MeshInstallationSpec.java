package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** What the user asks for. The operator never writes to it; defaults live in the CRD schema. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.compatibilityVersion) || !has(self.version) || self.version == 'latest' || "
            + "int(self.compatibilityVersion.split('.')[0]) < int(self.version.split('-')[0].split('.')[0]) || "
            + "(int(self.compatibilityVersion.split('.')[0]) == int(self.version.split('-')[0].split('.')[0]) && "
            + "int(self.compatibilityVersion.split('.')[1]) <= int(self.version.split('-')[0].split('.')[1]))",
    message = "compatibilityVersion must not be newer than version",
    fieldPath = ".compatibilityVersion",
    reason = "FieldValueInvalid")
@ValidationRule(
    value =
        "!has(self.adopt) || (has(self.updateStrategy) && has(self.updateStrategy.type)"
            + " && self.updateStrategy.type == 'RevisionBased')",
    message =
        "adopt needs updateStrategy.type RevisionBased: the installation runs beside the other"
            + " istiod as a revision of its own",
    fieldPath = ".adopt",
    reason = "FieldValueInvalid")
public class MeshInstallationSpec {

  @JsonPropertyDescription(
      "Istio version to run: a release such as 1.30.3, 'latest', or '<major>.<minor>-latest' for the"
          + " newest patch of a minor line. Aliases are resolved from the operator's version catalog"
          + " and followed when it moves. Unset: the newest release at the first install, kept"
          + " after that (status.versionSource Installed), so an operator upgrade never upgrades"
          + " Istio by itself.")
  @Size(max = 64)
  @Pattern(
      "^(latest|[0-9]{1,3}\\.[0-9]{1,3}-latest|[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,4}(-[0-9A-Za-z.]+)?)$")
  private String version;

  @JsonPropertyDescription(
      "Installation profile, as Istio defines it: default, minimal, demo, ambient or empty.")
  @Default("default")
  private Profile profile;

  @JsonPropertyDescription("Namespace of the control plane. Cannot be changed once set.")
  @Default("istio-system")
  @Size(max = 63)
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @ValidationRule(value = "self == oldSelf", message = "namespace is immutable")
  @ValidationRule(
      value = "!(self in ['kube-system', 'kube-public', 'kube-node-lease'])",
      message = "the control plane cannot live in a Kubernetes system namespace")
  private String namespace;

  @JsonPropertyDescription(
      "Make the installed version behave like this older minor version ('1.N'), using Istio's"
          + " compatibility profile for it.")
  @Size(max = 16)
  @Pattern("^[0-9]{1,3}\\.[0-9]{1,3}$")
  private String compatibilityVersion;

  @JsonPropertyDescription(
      "Registry of every Istio image, e.g. registry.example.com/istio: istiod, the node agents,"
          + " the gateways, and the sidecars, waypoints and gateways istiod injects or deploys. A"
          + " component's own hub wins; unset, the catalog's (docker.io/istio).")
  @Size(max = 253)
  @Pattern("^[^\\s:@]+(:[0-9]+)?(/[^\\s:@]+)*$")
  private String hub;

  @JsonPropertyDescription(
      "Secrets to pull Istio's images with, by name: set on istiod, the node agents and the"
          + " gateways, and on the sidecars, waypoints and gateways istiod injects or deploys. Each"
          + " must exist in the namespace of the pod that uses it.")
  @Size(max = 16)
  private List<@Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$") String> imagePullSecrets;

  @JsonPropertyDescription(
      "Install a release whose minor line is past its end of life upstream (no more security"
          + " patches). Without it, a new installation of such a line, or a move onto one, is"
          + " refused; an installation already running one is warned either way.")
  private Boolean allowEndOfLife;

  public Boolean getAllowEndOfLife() {
    return allowEndOfLife;
  }

  public void setAllowEndOfLife(Boolean allowEndOfLife) {
    this.allowEndOfLife = allowEndOfLife;
  }

  @JsonPropertyDescription("How a change of version is rolled out.")
  private UpdateStrategy updateStrategy;

  @JsonPropertyDescription("Per-component settings; a component left out follows the profile.")
  private ComponentsSpec components;

  @JsonPropertyDescription(
      "JSON patches on rendered objects, applied after rendering, for settings the typed fields"
          + " do not model. Reported in status.overlays and an Event as applied, not modelled;"
          + " shown in status.preview while paused.")
  @Size(max = 32)
  private List<OverlaySpec> overlays;

  @JsonPropertyDescription(
      "Istio MeshConfig, merged over the profile's (https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/).")
  @PreserveUnknownFields
  private JsonNode meshConfig;

  @JsonPropertyDescription(
      "Kubernetes distribution: default, eks, gke, k3d, k3s, microk8s, minikube or openshift. Sets"
          + " the node paths of istio-cni and the quotas and security settings the platform needs.")
  private Platform platform;

  @JsonPropertyDescription(
      "Stop every write to the cluster. The operator still plans and renders the spec, and"
          + " status.preview lists what it would create, change (which fields) and delete; setting"
          + " it back to false applies exactly that. Deleting the installation still cleans up.")
  private Boolean paused;

  @JsonPropertyDescription(
      "Move namespaces from an istiod another tool installed (Helm, istioctl) onto this"
          + " installation's revision, restarting their workloads as updateStrategy.workloadRestart"
          + " says; see docs/migration.md.")
  private AdoptSpec adopt;

  public AdoptSpec getAdopt() {
    return adopt;
  }

  public void setAdopt(AdoptSpec adopt) {
    this.adopt = adopt;
  }

  @JsonPropertyDescription("Ambient mode enrollment of namespaces and their waypoints.")
  private AmbientSpec ambient;

  @JsonPropertyDescription(
      "Mesh-wide settings Istio's charts call values, typed: sidecar proxy defaults, multi-cluster"
          + " identity, NetworkPolicies. Per-workload settings are under components.")
  private ValuesSpec values;

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public Profile getProfile() {
    return profile;
  }

  public void setProfile(Profile profile) {
    this.profile = profile;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public String getCompatibilityVersion() {
    return compatibilityVersion;
  }

  public void setCompatibilityVersion(String compatibilityVersion) {
    this.compatibilityVersion = compatibilityVersion;
  }

  public UpdateStrategy getUpdateStrategy() {
    return updateStrategy;
  }

  public void setUpdateStrategy(UpdateStrategy updateStrategy) {
    this.updateStrategy = updateStrategy;
  }

  public ComponentsSpec getComponents() {
    return components;
  }

  public void setComponents(ComponentsSpec components) {
    this.components = components;
  }

  public String getHub() {
    return hub;
  }

  public void setHub(String hub) {
    this.hub = hub;
  }

  public List<String> getImagePullSecrets() {
    return imagePullSecrets;
  }

  public void setImagePullSecrets(List<String> imagePullSecrets) {
    this.imagePullSecrets = imagePullSecrets;
  }

  public JsonNode getMeshConfig() {
    return meshConfig;
  }

  public void setMeshConfig(JsonNode meshConfig) {
    this.meshConfig = meshConfig;
  }

  public Platform getPlatform() {
    return platform;
  }

  public void setPlatform(Platform platform) {
    this.platform = platform;
  }

  public Boolean getPaused() {
    return paused;
  }

  public void setPaused(Boolean paused) {
    this.paused = paused;
  }

  public AmbientSpec getAmbient() {
    return ambient;
  }

  public void setAmbient(AmbientSpec ambient) {
    this.ambient = ambient;
  }

  public ValuesSpec getValues() {
    return values;
  }

  public void setValues(ValuesSpec values) {
    this.values = values;
  }

  public List<OverlaySpec> getOverlays() {
    return overlays;
  }

  public void setOverlays(List<OverlaySpec> overlays) {
    this.overlays = overlays;
  }
}
