package dev.meshoperator.reconcile;

import dev.meshoperator.ambient.AmbientPlanner;
import dev.meshoperator.ambient.EnrollmentRecord;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.apply.Applier;
import dev.meshoperator.apply.EnrollmentHold;
import dev.meshoperator.apply.NamespaceLabels;
import dev.meshoperator.apply.WritePool;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives back the namespaces a deleted installation enrolled. It sees only the installations that
 * hold an enrollment ({@link EnrollmentHold}: they carry its label and its finalizer); everything
 * else an installation made goes with it through owner references, so an installation that enrolled
 * nothing is deleted without any operator. The main controller takes and gives up the hold; this
 * one only finishes a deletion.
 */
@RBACRule(
    apiGroups = "",
    resources = "namespaces",
    verbs = {"get", "list", "patch"})
@ControllerConfiguration(
    name = EnrollmentReleaser.NAME,
    fieldManager = Applier.FIELD_MANAGER,
    finalizerName = EnrollmentHold.FINALIZER,
    informer = @Informer(labelSelector = EnrollmentHold.SELECTOR))
public class EnrollmentReleaser implements Reconciler<MeshInstallation>, Cleaner<MeshInstallation> {

  public static final String NAME = "meshinstallation-release";
  private static final long PAGE = 500;

  private final WritePool writes;
  private final InstallationLocks locks;
  private final InstallationGauges gauges;

  public EnrollmentReleaser(WritePool writes, InstallationLocks locks, InstallationGauges gauges) {
    this.writes = writes;
    this.locks = locks;
    this.gauges = gauges;
  }

  /** Nothing to do while the installation lives: the main controller keeps its enrollment. */
  @Override
  public UpdateControl<MeshInstallation> reconcile(
      MeshInstallation mesh, Context<MeshInstallation> context) {
    return UpdateControl.noUpdate();
  }

  /**
   * Reads the namespaces from the API server, not a cache, under the installation's lock: what a
   * reconcile finishing just before the deletion enrolled is given back too.
   */
  @Override
  public DeleteControl cleanup(MeshInstallation mesh, Context<MeshInstallation> context) {
    String name = mesh.getMetadata().getName();
    KubernetesClient client = context.getClient();
    locks.holding(
        name,
        () ->
            NamespaceLabels.writeAll(
                client, AmbientPlanner.release(name, enrolledBy(client, name)), writes));
    locks.forget(name);
    gauges.forget(name);
    return DeleteControl.defaultDelete();
  }

  /** The namespaces whose enrollment record names the installation, read a page at a time. */
  private static List<Namespace> enrolledBy(KubernetesClient client, String installation) {
    List<Namespace> enrolled = new ArrayList<>();
    String next = null;
    do {
      NamespaceList page =
          client
              .namespaces()
              .list(new ListOptionsBuilder().withLimit(PAGE).withContinue(next).build());
      page.getItems().stream()
          .filter(
              namespace ->
                  EnrollmentRecord.readFrom(namespace)
                      .filter(record -> installation.equals(record.installation()))
                      .isPresent())
          .map(AmbientInformers::reduce)
          .forEach(enrolled::add);
      next = page.getMetadata().getContinue();
    } while (next != null && !next.isEmpty());
    return enrolled;
  }
}
