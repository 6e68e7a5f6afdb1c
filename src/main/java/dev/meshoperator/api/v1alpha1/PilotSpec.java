package dev.meshoperator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;

/** istiod: a workload, and the files it reads beside its own (an external CA, CSI secrets). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.volumeMounts) || self.volumeMounts.all(m, has(self.volumes)"
            + " && self.volumes.exists(v, v.name == m.name))",
    message = "each of volumeMounts names one of volumes",
    fieldPath = ".volumeMounts")
@ValidationRule(
    value =
        "!has(self.volumes) || self.volumes.all(v, self.volumes.exists_one(w, w.name == v.name))",
    message = "volume names are unique",
    fieldPath = ".volumes")
@ValidationRule(
    value =
        "!has(self.volumeMounts) || self.volumeMounts.all(m,"
            + " self.volumeMounts.exists_one(n, n.mountPath == m.mountPath))",
    message = "mount paths are unique",
    fieldPath = ".volumeMounts")
public class PilotSpec extends WorkloadSpec {

  @JsonPropertyDescription(
      "Volumes added to istiod's pod (volumes): a Secret, a ConfigMap, a CSI driver's (e.g. the"
          + " Secrets Store's) or an emptyDir. istiod's own volume names are refused.")
  @Size(max = 16)
  @ValidationRule(value = VolumesSchema.ONE_SOURCE, message = VolumesSchema.ONE_SOURCE_MESSAGE)
  @ValidationRule(value = VolumesSchema.NOT_RESERVED, message = VolumesSchema.NOT_RESERVED_MESSAGE)
  @SchemaFrom(type = VolumesSchema.class)
  private List<Volume> volumes;

  @JsonPropertyDescription(
      "Where istiod's discovery container mounts them (volumeMounts); each names one of volumes."
          + " The paths istiod mounts its own files at are refused.")
  @Size(max = 16)
  @ValidationRule(
      value = VolumeMountsSchema.NOT_RESERVED,
      message = VolumeMountsSchema.NOT_RESERVED_MESSAGE)
  @SchemaFrom(type = VolumeMountsSchema.class)
  private List<VolumeMount> volumeMounts;

  public List<Volume> getVolumes() {
    return volumes;
  }

  public void setVolumes(List<Volume> volumes) {
    this.volumes = volumes;
  }

  public List<VolumeMount> getVolumeMounts() {
    return volumeMounts;
  }

  public void setVolumeMounts(List<VolumeMount> volumeMounts) {
    this.volumeMounts = volumeMounts;
  }
}
