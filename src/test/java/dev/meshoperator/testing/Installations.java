package dev.meshoperator.testing;

import dev.meshoperator.api.v1alpha1.ComponentsSpec;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.MeshInstallationSpec;
import dev.meshoperator.api.v1alpha1.Profile;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * MeshInstallations as the tests write them: the default profile in a control-plane namespace of
 * the installation's own name (so parallel classes never share one), changed by a spec editor.
 */
public final class Installations {

  private Installations() {}

  /** A name no other test run uses: {@code prefix-} and eight random characters. */
  public static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * An installation as a unit test renders or resolves it: generation 1 and only what {@code
   * customize} sets, so the plan's own defaults apply (istio-system, the latest release).
   */
  public static MeshInstallation unapplied(String name, Consumer<MeshInstallationSpec> customize) {
    MeshInstallation mesh = new MeshInstallation();
    mesh.setMetadata(new ObjectMetaBuilder().withName(name).withGeneration(1L).build());
    MeshInstallationSpec spec = new MeshInstallationSpec();
    customize.accept(spec);
    mesh.setSpec(spec);
    return mesh;
  }

  /**
   * Ambient Istio with the plan's defaults (istio-system, the latest release), as benchmarks use.
   */
  public static MeshInstallation ambient(String name) {
    return unapplied(
        name,
        spec -> {
          spec.setProfile(Profile.AMBIENT);
          spec.setAmbient(new dev.meshoperator.api.v1alpha1.AmbientSpec());
        });
  }

  /** An installation for the cluster, in a control-plane namespace of its own name. */
  public static MeshInstallation of(String name, Consumer<MeshInstallationSpec> customize) {
    MeshInstallation mesh = new MeshInstallation();
    mesh.setMetadata(new ObjectMetaBuilder().withName(name).build());
    MeshInstallationSpec spec = new MeshInstallationSpec();
    spec.setNamespace(name);
    spec.setProfile(Profile.DEFAULT);
    spec.setComponents(new ComponentsSpec());
    customize.accept(spec);
    mesh.setSpec(spec);
    return mesh;
  }

  /** The same, with a label (a controller selector picks installations by it). */
  public static MeshInstallation labelled(
      String name, String label, Consumer<MeshInstallationSpec> customize) {
    MeshInstallation mesh = of(name, customize);
    mesh.getMetadata().setLabels(new java.util.HashMap<>(java.util.Map.of(label, "true")));
    return mesh;
  }
}
