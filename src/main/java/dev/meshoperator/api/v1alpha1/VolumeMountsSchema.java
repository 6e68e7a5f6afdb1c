package dev.meshoperator.api.v1alpha1;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;

/**
 * The schema of istiod's extra volume mounts in the CRD: core/v1 VolumeMounts without the
 * propagation and expansion fields a control plane does not use. The Java model keeps fabric8's
 * type; only the generated schema comes from here.
 */
final class VolumeMountsSchema extends ArrayList<VolumeMountsSchema.Item> {

  private VolumeMountsSchema() {}

  static final String NOT_RESERVED =
      "self.all(m, !(m.mountPath in " + ReservedVolumes.ISTIOD_PATHS + "))";

  static final String NOT_RESERVED_MESSAGE =
      "a path istiod mounts its own files at cannot be mounted over: "
          + ReservedVolumes.ISTIOD_PATHS;

  /** One mount. */
  static final class Item {

    private Item() {}

    @Required
    @Size(max = 63)
    @Pattern(VolumesSchema.NAME)
    public String name;

    @Required
    @Size(max = 4096)
    @Pattern("^/.*$")
    public String mountPath;

    public Boolean readOnly;

    @Size(max = 4096)
    @Pattern("^([^/].*)?$")
    public String subPath;
  }
}
