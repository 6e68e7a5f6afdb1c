package dev.meshoperator.apply;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.MeshInstallationStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.Optional;

/**
 * How a reconcile ends: the status is patched only when it changed (one write at most), the patch
 * carries nothing but the status, and a reconcile that must look again without an event (a grace
 * period, a rolling batch, a conflict to recheck) asks for it.
 */
public final class StatusUpdate {

  private StatusUpdate() {}

  public static UpdateControl<MeshInstallation> of(
      MeshInstallation mesh,
      MeshInstallationStatus status,
      int written,
      Optional<Duration> recheck,
      ReconcileStats stats) {
    boolean changed = !status.equals(mesh.getStatus());
    stats.recordReconcile(written, changed);
    UpdateControl<MeshInstallation> control =
        changed ? UpdateControl.patchStatus(patch(mesh, status)) : UpdateControl.noUpdate();
    return recheck.map(control::rescheduleAfter).orElse(control);
  }

  /** A patch that carries only the status, so server-side apply claims nothing else. */
  public static MeshInstallation patch(MeshInstallation mesh, MeshInstallationStatus status) {
    MeshInstallation patch = new MeshInstallation();
    patch.setMetadata(new ObjectMetaBuilder().withName(mesh.getMetadata().getName()).build());
    patch.setStatus(status);
    return patch;
  }
}
