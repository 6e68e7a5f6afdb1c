package dev.meshoperator.api.v1alpha1;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The schema of istiod's extra volumes in the CRD: core/v1 Volumes limited to the sources that
 * bring a control plane files (a Secret, a ConfigMap, a CSI driver such as the Secrets Store, an
 * emptyDir), with Kubernetes' rules on their names. The whole Volume schema would add every storage
 * plugin Kubernetes knows to the CRD for nothing istiod reads. The Java model keeps fabric8's type;
 * only the generated schema comes from here.
 */
final class VolumesSchema extends ArrayList<VolumesSchema.Item> {

  private VolumesSchema() {}

  /** Exactly one source per volume, as the API server requires. */
  static final String ONE_SOURCE =
      "self.all(v, [has(v.secret), has(v.configMap), has(v.csi), has(v.emptyDir)]"
          + ".filter(s, s).size() == 1)";

  static final String ONE_SOURCE_MESSAGE =
      "a volume needs exactly one source: secret, configMap, csi or emptyDir";

  static final String NOT_RESERVED =
      "self.all(v, !(v.name in " + ReservedVolumes.ISTIOD_NAMES + "))";

  static final String NOT_RESERVED_MESSAGE =
      "a volume istiod has itself cannot be replaced: " + ReservedVolumes.ISTIOD_NAMES;

  /** A volume's name: a DNS label, as the API server checks it. */
  static final String NAME = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  /** One volume. */
  static final class Item {

    private Item() {}

    @Required
    @Size(max = 63)
    @Pattern(NAME)
    public String name;

    public SecretSource secret;

    public ConfigMapSource configMap;

    public CsiSource csi;

    public EmptyDirSource emptyDir;
  }

  /** A file of a Secret or ConfigMap, at a relative path. */
  static final class KeyToPath {

    private KeyToPath() {}

    @Required
    @Size(max = 253)
    public String key;

    @Required
    @Size(max = 4096)
    @Pattern("^[^/].*$")
    public String path;

    public Integer mode;
  }

  static final class SecretSource {

    private SecretSource() {}

    @Required
    @Size(max = 253)
    @Pattern(KubernetesRules.DNS_SUBDOMAIN)
    public String secretName;

    @Size(max = 64)
    public List<KeyToPath> items;

    public Integer defaultMode;

    public Boolean optional;
  }

  static final class ConfigMapSource {

    private ConfigMapSource() {}

    @Required
    @Size(max = 253)
    @Pattern(KubernetesRules.DNS_SUBDOMAIN)
    public String name;

    @Size(max = 64)
    public List<KeyToPath> items;

    public Integer defaultMode;

    public Boolean optional;
  }

  static final class CsiSource {

    private CsiSource() {}

    @Required
    @Size(max = 253)
    @Pattern(KubernetesRules.DNS_SUBDOMAIN)
    public String driver;

    public Boolean readOnly;

    @Size(max = 32)
    public Map<@Size(max = 253) String, @Size(max = 4096) String> volumeAttributes;

    public SecretReference nodePublishSecretRef;

    @Size(max = 32)
    public String fsType;
  }

  static final class SecretReference {

    private SecretReference() {}

    @Required
    @Size(max = 253)
    @Pattern(KubernetesRules.DNS_SUBDOMAIN)
    public String name;
  }

  static final class EmptyDirSource {

    private EmptyDirSource() {}

    @Pattern("^(Memory)?$")
    public String medium;

    @Size(max = 64)
    @Pattern(KubernetesRules.QUANTITY)
    public String sizeLimit;
  }
}
