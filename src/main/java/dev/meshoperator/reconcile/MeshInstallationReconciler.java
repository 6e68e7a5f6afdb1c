package dev.meshoperator.reconcile;

import dev.meshoperator.ambient.AmbientEnrollment;
import dev.meshoperator.ambient.AmbientInformers;
import dev.meshoperator.ambient.AmbientOutcome;
import dev.meshoperator.ambient.DataPlaneReadiness;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.MeshInstallationStatus;
import dev.meshoperator.apply.Applier;
import dev.meshoperator.apply.ManagedKinds;
import dev.meshoperator.apply.Pruner;
import dev.meshoperator.observe.ClusterCrds;
import dev.meshoperator.observe.ComponentHealth;
import dev.meshoperator.observe.HealthObserver;
import dev.meshoperator.plan.InstallationConflicts;
import dev.meshoperator.plan.InvalidSpecException;
import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.preflight.Preflight;
import dev.meshoperator.render.DesiredState;
import dev.meshoperator.render.OperatorLabels;
import dev.meshoperator.revision.NodeAgentOrder;
import dev.meshoperator.revision.RevisionRollout;
import dev.meshoperator.revision.Rollout;
import dev.meshoperator.revision.WorkloadRestarter;
import dev.meshoperator.status.Conditions;
import dev.meshoperator.status.StatusCalculator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Reconciles a MeshInstallation: resolve, render, apply, prune, observe, report. */
@RBACRule(
    apiGroups = "",
    resources = {"serviceaccounts", "configmaps", "services", "resourcequotas"},
    verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
// Injected pods are only counted, per revision, to know when a revision is no longer used.
@RBACRule(
    apiGroups = "",
    resources = "pods",
    verbs = {"get", "list", "watch"})
@RBACRule(
    apiGroups = "",
    resources = "namespaces",
    verbs = {"get", "list", "watch", "create", "update", "patch"})
@RBACRule(
    apiGroups = {"", "events.k8s.io"},
    resources = "events",
    verbs = {"create", "patch"})
@RBACRule(
    apiGroups = "apps",
    resources = {"deployments", "daemonsets"},
    verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
@RBACRule(
    apiGroups = "autoscaling",
    resources = "horizontalpodautoscalers",
    verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
@RBACRule(
    apiGroups = "policy",
    resources = "poddisruptionbudgets",
    verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
// escalate and bind: istiod's roles grant permissions the operator itself does not hold.
@RBACRule(
    apiGroups = "rbac.authorization.k8s.io",
    resources = {"clusterroles", "clusterrolebindings", "roles", "rolebindings"},
    verbs = {"get", "list", "watch", "create", "update", "patch", "delete", "escalate", "bind"})
@RBACRule(
    apiGroups = "admissionregistration.k8s.io",
    resources = {"mutatingwebhookconfigurations", "validatingwebhookconfigurations"},
    verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
@RBACRule(
    apiGroups = "apiextensions.k8s.io",
    resources = "customresourcedefinitions",
    verbs = {"get", "list", "watch", "create", "update", "patch"})
@RBACRule(
    apiGroups = "gateway.networking.k8s.io",
    resources = "gateways",
    verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
@ControllerConfiguration(
    name = MeshInstallationReconciler.NAME,
    fieldManager = Applier.FIELD_MANAGER)
public class MeshInstallationReconciler
    implements Reconciler<MeshInstallation>, Cleaner<MeshInstallation> {

  public static final String NAME = "meshinstallation";
  private static final Duration CONFLICT_RECHECK = Duration.ofSeconds(30);

  private final PlanResolver planResolver;
  private final Clock clock;
  private final ReconcileStats stats;
  private final ClusterVersion clusterVersion;

  public MeshInstallationReconciler(
      PlanResolver planResolver, Clock clock, ReconcileStats stats, ClusterVersion clusterVersion) {
    this.planResolver = planResolver;
    this.clock = clock;
    this.stats = stats;
    this.clusterVersion = clusterVersion;
  }

  @Override
  public UpdateControl<MeshInstallation> reconcile(
      MeshInstallation mesh, Context<MeshInstallation> context) {
    MeshInstallationStatus status;
    int written = 0;
    boolean conflicting = false;
    Optional<Duration> recheck = Optional.empty();
    try {
      MeshPlan plan = planResolver.resolve(mesh);
      InstallationConflicts.check(
          mesh, plan, context.getPrimaryCache().list().toList(), planResolver);
      Rollout rollout =
          PlanResolver.isRevisionBased(mesh)
              ? RevisionRollout.plan(mesh, plan, planResolver, context, clock.instant())
              : Rollout.inPlace(plan);
      rollout = NodeAgentOrder.holdZtunnelForCni(mesh, rollout, planResolver, context);
      recheck = rollout.recheckIn();
      DesiredState desired = rollout.render();
      Preflight.require(mesh, plan, desired, clusterVersion.get(), context);
      written += Applier.apply(desired, mesh, context).written();
      written += Pruner.prune(desired, mesh, context);
      List<ComponentHealth> health =
          NodeAgentOrder.heldBack(
              HealthObserver.observe(plan, rollout.revisions(), desired, context), rollout);
      if (rollout.statuses() != null) {
        var restart =
            WorkloadRestarter.step(mesh, rollout.active(), rollout.activeReady(), context);
        if (restart.isPresent()) {
          written += restart.get().written();
          rollout.statuses().get(0).setRestartedDeployments(restart.get().restarted());
          recheck = earliest(recheck, restart.get().recheckIn());
        }
      }
      AmbientOutcome ambient =
          AmbientEnrollment.reconcile(mesh, DataPlaneReadiness.waitingFor(plan, health), context);
      written += ambient.written();
      status =
          StatusCalculator.applied(
              mesh,
              plan,
              health,
              mesh.getSpec().getAmbient() == null ? null : ambient,
              clock.instant());
      if (rollout.statuses() != null) {
        rollout.describe(status);
      }
    } catch (InvalidSpecException rejected) {
      // Neither an older installation letting go nor a foreign object going away sends an event.
      conflicting =
          rejected.reason() == InvalidSpecException.Reason.Conflict
              || rejected.reason() == InvalidSpecException.Reason.PreflightFailed;
      status = reject(mesh, rejected, context);
    }
    boolean changed = !status.equals(mesh.getStatus());
    stats.recordReconcile(written, changed);
    UpdateControl<MeshInstallation> control =
        changed ? UpdateControl.patchStatus(withStatus(mesh, status)) : UpdateControl.noUpdate();
    if (conflicting) {
      return control.rescheduleAfter(CONFLICT_RECHECK);
    }
    // A revision's grace period ends without an event.
    return recheck.map(control::rescheduleAfter).orElse(control);
  }

  private static Optional<Duration> earliest(Optional<Duration> a, Optional<Duration> b) {
    return a.isEmpty()
        ? b
        : b.isEmpty() ? a : Optional.of(a.get().compareTo(b.get()) < 0 ? a.get() : b.get());
  }

  /**
   * Namespace labels have no owner references: before the installation goes, give back every
   * namespace it enrolled. Everything else it made is garbage-collected through owner references.
   */
  @Override
  public DeleteControl cleanup(MeshInstallation mesh, Context<MeshInstallation> context) {
    AmbientEnrollment.release(mesh, context);
    return DeleteControl.defaultDelete();
  }

  /** Reports a spec that cannot be acted on, with one Warning Event when the verdict is new. */
  private MeshInstallationStatus reject(
      MeshInstallation mesh, InvalidSpecException rejected, Context<MeshInstallation> context) {
    MeshInstallationStatus status = StatusCalculator.rejected(mesh, rejected, clock.instant());
    RejectionEvents.recordIfNew(
        context.getClient(),
        mesh,
        Conditions.find(
            mesh.getStatus() == null ? null : mesh.getStatus().getConditions(),
            Conditions.RECONCILED),
        Conditions.find(status.getConditions(), Conditions.RECONCILED).orElseThrow(),
        clock.instant());
    return status;
  }

  @Override
  public ErrorStatusUpdateControl<MeshInstallation> updateErrorStatus(
      MeshInstallation mesh, Context<MeshInstallation> context, Exception e) {
    MeshInstallationStatus status =
        StatusCalculator.failed(mesh, String.valueOf(e.getMessage()), clock.instant());
    return status.equals(mesh.getStatus())
        ? ErrorStatusUpdateControl.noStatusUpdate()
        : ErrorStatusUpdateControl.patchStatus(withStatus(mesh, status));
  }

  /**
   * One informer per managed kind, limited to objects this operator labelled; a change to any of
   * them (drift, a rollout, a deletion) reconciles the installation named in its label.
   */
  @Override
  public List<EventSource<?, MeshInstallation>> prepareEventSources(
      EventSourceContext<MeshInstallation> context) {
    List<EventSource<?, MeshInstallation>> sources = new ArrayList<>();
    Stream.concat(ManagedKinds.OWNED.stream(), ManagedKinds.KEPT.stream())
        .forEach(kind -> sources.add(informer(kind, context)));
    sources.add(AmbientInformers.namespaces(context));
    sources.add(ClusterCrds.informer(context));
    return sources;
  }

  private static <R extends HasMetadata> InformerEventSource<R, MeshInstallation> informer(
      Class<R> kind, EventSourceContext<MeshInstallation> context) {
    var config =
        InformerEventSourceConfiguration.from(kind, MeshInstallation.class)
            .withName(kind.getSimpleName())
            .withLabelSelector(OperatorLabels.MANAGED_SELECTOR)
            .withSecondaryToPrimaryMapper(
                (R object) -> {
                  String owner = object.getMetadata().getLabels().get(OperatorLabels.INSTALLATION);
                  return owner == null ? Set.of() : Set.of(new ResourceID(owner));
                });
    if (Namespaced.class.isAssignableFrom(kind)) {
      config.withWatchAllNamespaces();
    }
    return new InformerEventSource<>(config.build(), context);
  }

  /** A patch that carries only the status, so server-side apply claims nothing else. */
  private static MeshInstallation withStatus(MeshInstallation mesh, MeshInstallationStatus status) {
    MeshInstallation patch = new MeshInstallation();
    patch.setMetadata(new ObjectMetaBuilder().withName(mesh.getMetadata().getName()).build());
    patch.setStatus(status);
    return patch;
  }
}
