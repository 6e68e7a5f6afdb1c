package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.List;
import java.util.Map;

/** The knobs of a component that runs pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.autoscaleMin) || !has(self.autoscaleMax) || self.autoscaleMin <= self.autoscaleMax",
    message = "autoscaleMin must not exceed autoscaleMax")
@ValidationRule(
    value = "!has(self.replicas) || (!has(self.autoscaleMin) && !has(self.autoscaleMax))",
    message =
        "replicas fixes the count and autoscaleMin/autoscaleMax turn autoscaling on: set one or"
            + " the other",
    fieldPath = ".replicas",
    reason = "FieldValueForbidden")
public class WorkloadSpec extends ToggleSpec {

  /**
   * Pod label keys the operator sets itself (selectors, Istio's own labels): a user's value would
   * be overwritten, so admission refuses them. A test holds this list against every rendered pod.
   */
  public static final String RESERVED_POD_LABELS =
      "['app', 'istio', 'k8s-app', 'istio.io/rev', 'istio.io/dataplane-mode',"
          + " 'sidecar.istio.io/inject', 'service.istio.io/canonical-name',"
          + " 'service.istio.io/canonical-revision', 'operator.istio.io/component',"
          + " 'app.kubernetes.io/name', 'app.kubernetes.io/managed-by']";

  /** Pod annotation keys and prefixes the operator sets itself. */
  public static final String RESERVED_POD_ANNOTATIONS =
      "['sidecar.istio.io/inject', 'istio.io/rev', 'kubectl.kubernetes.io/restartedAt']";

  public static final String RESERVED_ANNOTATION_PREFIXES =
      "['prometheus.io/', 'container.apparmor.security.beta.kubernetes.io/', 'mesh.operator.dev/']";

  @JsonPropertyDescription(
      "Fixed replica count; turns the profile's autoscaling off. Not with autoscaleMin or"
          + " autoscaleMax.")
  @Min(0)
  @Max(1000)
  private Integer replicas;

  @JsonPropertyDescription("Autoscaling lower bound (HorizontalPodAutoscaler minReplicas).")
  @Min(1)
  @Max(1000)
  private Integer autoscaleMin;

  @JsonPropertyDescription("Autoscaling upper bound (HorizontalPodAutoscaler maxReplicas).")
  @Min(1)
  @Max(1000)
  private Integer autoscaleMax;

  @JsonPropertyDescription("Container resources; replaces the profile's.")
  @SchemaFrom(type = ResourcesSchema.class)
  private ResourceRequirements resources;

  @JsonPropertyDescription(
      "Extra environment variables for the main container, merged over the defaults. Variables"
          + " the operator derives itself (the pod's identity, the revision, the cluster ID) are"
          + " refused.")
  @Size(max = 128)
  @ValidationRule(value = KubernetesRules.ENV_NAMES, message = KubernetesRules.ENV_NAMES_MESSAGE)
  private Map<@Size(max = 256) String, @Size(max = 32768) String> env;

  @JsonPropertyDescription("Node selector for the pods.")
  @Size(max = 64)
  @ValidationRule(value = KubernetesRules.LABEL_KEYS, message = KubernetesRules.LABEL_KEYS_MESSAGE)
  @ValidationRule(
      value = KubernetesRules.LABEL_VALUES,
      message = KubernetesRules.LABEL_VALUES_MESSAGE)
  private Map<@Size(max = 317) String, @Size(max = 63) String> nodeSelector;

  @JsonPropertyDescription("Tolerations added to the pods.")
  @Size(max = 64)
  @ValidationRule(
      value = KubernetesRules.TOLERATIONS,
      message = KubernetesRules.TOLERATIONS_MESSAGE)
  @SchemaFrom(type = TolerationsSchema.class)
  private List<Toleration> tolerations;

  @JsonPropertyDescription(
      "Image registry overriding the catalog's, e.g. registry.example.com/istio.")
  @Size(max = 253)
  @Pattern("^[^\\s:@]+(:[0-9]+)?(/[^\\s:@]+)*$")
  private String hub;

  @JsonPropertyDescription(
      "Image tag overriding the catalog's, or a digest (sha256:...) that pins the image exactly.")
  @Size(max = 128)
  @Pattern("^([A-Za-z0-9_][A-Za-z0-9_.-]*|sha256:[a-f0-9]{64})$")
  private String tag;

  @JsonPropertyDescription("Pod affinity and anti-affinity rules of the pods.")
  private Affinity affinity;

  @JsonPropertyDescription("How the pods spread across zones or nodes.")
  @Size(max = 8)
  private List<TopologySpreadConstraint> topologySpreadConstraints;

  @JsonPropertyDescription(
      "PriorityClass of the pods; the node agents default to system-node-critical.")
  @Size(max = 253)
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  private String priorityClassName;

  @JsonPropertyDescription(
      "Extra labels of the pods. Keys the operator sets itself (app, istio, istio.io/rev, ...)"
          + " are refused.")
  @Size(max = 32)
  @ValidationRule(
      value =
          "self.all(k, !(k in " + RESERVED_POD_LABELS + ") && !k.startsWith('mesh.operator.dev/'))",
      message = "a pod label the operator sets itself cannot be overridden")
  @ValidationRule(value = KubernetesRules.LABEL_KEYS, message = KubernetesRules.LABEL_KEYS_MESSAGE)
  @ValidationRule(
      value = KubernetesRules.LABEL_VALUES,
      message = KubernetesRules.LABEL_VALUES_MESSAGE)
  private Map<@Size(max = 63) String, @Size(max = 63) String> podLabels;

  @JsonPropertyDescription(
      "Extra annotations of the pods. Keys the operator sets itself (sidecar.istio.io/inject,"
          + " prometheus.io/*, ...) are refused.")
  @Size(max = 32)
  @ValidationRule(
      value =
          "self.all(k, !(k in "
              + RESERVED_POD_ANNOTATIONS
              + ") && !"
              + RESERVED_ANNOTATION_PREFIXES
              + ".exists(p, k.startsWith(p)))",
      message = "a pod annotation the operator sets itself cannot be overridden")
  @ValidationRule(
      value = KubernetesRules.ANNOTATION_KEYS,
      message = KubernetesRules.ANNOTATION_KEYS_MESSAGE)
  private Map<@Size(max = 253) String, @Size(max = 4096) String> podAnnotations;

  @JsonPropertyDescription(
      "Annotations of the component's ServiceAccount, e.g. eks.amazonaws.com/role-arn or"
          + " iam.gke.io/gcp-service-account to bind a cloud identity"
          + " (serviceAccountAnnotations, serviceAccount.annotations).")
  @Size(max = 32)
  @ValidationRule(
      value = KubernetesRules.ANNOTATION_KEYS,
      message = KubernetesRules.ANNOTATION_KEYS_MESSAGE)
  private Map<@Size(max = 253) String, @Size(max = 4096) String> serviceAccountAnnotations;

  @JsonPropertyDescription(
      "PodDisruptionBudget of a Deployment (istiod, gateways); the node agents have none.")
  private DisruptionBudgetSpec podDisruptionBudget;

  public Affinity getAffinity() {
    return affinity;
  }

  public void setAffinity(Affinity affinity) {
    this.affinity = affinity;
  }

  public List<TopologySpreadConstraint> getTopologySpreadConstraints() {
    return topologySpreadConstraints;
  }

  public void setTopologySpreadConstraints(
      List<TopologySpreadConstraint> topologySpreadConstraints) {
    this.topologySpreadConstraints = topologySpreadConstraints;
  }

  public String getPriorityClassName() {
    return priorityClassName;
  }

  public void setPriorityClassName(String priorityClassName) {
    this.priorityClassName = priorityClassName;
  }

  public Map<String, String> getPodLabels() {
    return podLabels;
  }

  public void setPodLabels(Map<String, String> podLabels) {
    this.podLabels = podLabels;
  }

  public Map<String, String> getPodAnnotations() {
    return podAnnotations;
  }

  public void setPodAnnotations(Map<String, String> podAnnotations) {
    this.podAnnotations = podAnnotations;
  }

  public DisruptionBudgetSpec getPodDisruptionBudget() {
    return podDisruptionBudget;
  }

  public void setPodDisruptionBudget(DisruptionBudgetSpec podDisruptionBudget) {
    this.podDisruptionBudget = podDisruptionBudget;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getAutoscaleMin() {
    return autoscaleMin;
  }

  public void setAutoscaleMin(Integer autoscaleMin) {
    this.autoscaleMin = autoscaleMin;
  }

  public Integer getAutoscaleMax() {
    return autoscaleMax;
  }

  public void setAutoscaleMax(Integer autoscaleMax) {
    this.autoscaleMax = autoscaleMax;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public Map<String, String> getEnv() {
    return env;
  }

  public void setEnv(Map<String, String> env) {
    this.env = env;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public String getHub() {
    return hub;
  }

  public void setHub(String hub) {
    this.hub = hub;
  }

  public String getTag() {
    return tag;
  }

  public void setTag(String tag) {
    this.tag = tag;
  }

  public Map<String, String> getServiceAccountAnnotations() {
    return serviceAccountAnnotations;
  }

  public void setServiceAccountAnnotations(Map<String, String> serviceAccountAnnotations) {
    this.serviceAccountAnnotations = serviceAccountAnnotations;
  }
}
