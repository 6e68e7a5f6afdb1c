package dev.meshoperator.reconcile;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.MeshInstallationStatus;
import dev.meshoperator.api.v1alpha1.PreviewStatus;
import dev.meshoperator.apply.Applier;
import dev.meshoperator.apply.ApplyInputs;
import dev.meshoperator.apply.CrdEstablishment;
import dev.meshoperator.apply.InstallationWriter;
import dev.meshoperator.apply.KnownMatches;
import dev.meshoperator.apply.ManagedKinds;
import dev.meshoperator.apply.MeshEvents;
import dev.meshoperator.apply.Preview;
import dev.meshoperator.apply.ReconcileStats;
import dev.meshoperator.apply.StatusUpdate;
import dev.meshoperator.apply.WritePool;
import dev.meshoperator.catalog.CatalogOutcome;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.catalog.RelatedImages;
import dev.meshoperator.installation.Applied;
import dev.meshoperator.installation.InstallationPlan;
import dev.meshoperator.installation.InstallationPlanner;
import dev.meshoperator.observe.ClusterSnapshot;
import dev.meshoperator.observe.ComponentHealth;
import dev.meshoperator.observe.RunningHealth;
import dev.meshoperator.plan.InvalidSpecException;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.render.OperatorLabels;
import dev.meshoperator.status.ForeignIstioReport;
import dev.meshoperator.status.StatusCalculator;
import dev.meshoperator.status.StatusEvents;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
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

/** Reconciles a MeshInstallation: observe once, plan, render, apply, report. */
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
// StatefulSets only for the opt-in workload restart (get, and a patch of two template annotations).
@RBACRule(
    apiGroups = "apps",
    resources = "statefulsets",
    verbs = {"get", "patch"})
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
@RBACRule(
    apiGroups = "networking.k8s.io",
    resources = "networkpolicies",
    verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
// escalate and bind: istiod's roles grant permissions the operator itself does not hold.
@RBACRule(
    apiGroups = "rbac.authorization.k8s.io",
    resources = {"clusterroles", "clusterrolebindings", "roles", "rolebindings"},
    verbs = {"get", "list", "watch", "create", "update", "patch", "delete", "escalate", "bind"})
// Multus's network for istio-cni on OpenShift; watched only where the cluster serves the API.
@RBACRule(
    apiGroups = "k8s.cni.cncf.io",
    resources = "network-attachment-definitions",
    verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
@RBACRule(
    apiGroups = "admissionregistration.k8s.io",
    resources = {"mutatingwebhookconfigurations", "validatingwebhookconfigurations"},
    verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
// CRDs: it reads all of them (to know which APIs exist); it writes only Istio's own, granted by
// name
// in application.properties (the annotation cannot carry resourceNames into the generated role).
@RBACRule(
    apiGroups = "apiextensions.k8s.io",
    resources = "customresourcedefinitions",
    verbs = {"get", "list", "watch"})
@RBACRule(
    apiGroups = "gateway.networking.k8s.io",
    resources = "gateways",
    verbs = {"get", "list", "watch", "create", "update", "patch", "delete"})
@ControllerConfiguration(
    name = MeshInstallationReconciler.NAME,
    fieldManager = Applier.FIELD_MANAGER)
public class MeshInstallationReconciler implements Reconciler<MeshInstallation> {

  public static final String NAME = "meshinstallation";
  private static final Duration REFUSED_RECHECK = Duration.ofSeconds(30);

  private final RuntimeCatalogs.Merged catalogs;
  private final RelatedImages images;
  private final Clock clock;
  private final ReconcileStats stats;
  private final ClusterVersion clusterVersion;
  private final InstallationGauges gauges;
  private final InstallationLocks locks;
  private final InstallationWriter writer;

  public MeshInstallationReconciler(
      IstioCatalog builtInCatalog,
      RelatedImages images,
      Clock clock,
      ReconcileStats stats,
      ClusterVersion clusterVersion,
      InstallationGauges gauges,
      WritePool writes,
      InstallationLocks locks,
      KnownMatches known,
      CrdEstablishment establishment) {
    this.catalogs = new RuntimeCatalogs.Merged(builtInCatalog);
    this.images = images;
    this.clock = clock;
    this.stats = stats;
    this.clusterVersion = clusterVersion;
    this.gauges = gauges;
    this.locks = locks;
    this.writer = new InstallationWriter(writes, known, establishment);
  }

  /**
   * Observe once, plan, render, apply, report: each step in its own package, data one way. No
   * finalizer is involved: deletion is owner references' work, and the {@link EnrollmentReleaser}'s
   * where namespaces were enrolled.
   */
  @Override
  public UpdateControl<MeshInstallation> reconcile(
      MeshInstallation mesh, Context<MeshInstallation> context) {
    gauges.retainOnly(
        context.getPrimaryCache().list().map(m -> m.getMetadata().getName()).toList());
    return locks.holding(mesh.getMetadata().getName(), () -> reconcileHeld(mesh, context));
  }

  private UpdateControl<MeshInstallation> reconcileHeld(
      MeshInstallation mesh, Context<MeshInstallation> context) {
    ClusterSnapshot seen = new InformerSnapshot(mesh, context, clusterVersion);
    CatalogOutcome catalog = catalogs.with(seen.runtimeCatalogs());
    InstallationPlanner planner =
        new InstallationPlanner(new PlanResolver(catalog.catalog(), images));
    try {
      InstallationPlan plan = planner.plan(mesh, seen, clock.instant());
      ApplyInputs inputs = new ApplyInputs(mesh, plan, plan.render(), seen, context);
      if (Boolean.TRUE.equals(mesh.getSpec().getPaused())) {
        PreviewStatus preview = Preview.of(inputs);
        MeshInstallationStatus status =
            report(
                mesh,
                StatusCalculator.paused(mesh, preview, running(mesh, seen), clock.instant()),
                catalog,
                seen,
                context);
        return StatusUpdate.of(mesh, status, 0, Optional.empty(), stats);
      }
      Applied applied = writer.apply(inputs, clock.instant());
      MeshInstallationStatus status =
          report(
              mesh,
              StatusCalculator.applied(mesh, plan, applied, clock.instant()),
              catalog,
              seen,
              context);
      // A revision's grace period, a rolling restart batch and a stalled CRD end without an event.
      Optional<Duration> recheck =
          Stream.of(plan.recheckIn(), applied.recheckIn())
              .flatMap(Optional::stream)
              .min(Duration::compareTo);
      return StatusUpdate.of(mesh, status, applied.written(), recheck, stats);
    } catch (InvalidSpecException rejected) {
      // Neither an older installation letting go nor a foreign object going away sends an event,
      // and what an overlay may target follows them: a refused spec is looked at again. With
      // nothing changed, the look writes nothing.
      MeshInstallationStatus status =
          report(
              mesh,
              StatusCalculator.rejected(mesh, rejected, running(mesh, seen), clock.instant()),
              catalog,
              seen,
              context);
      return StatusUpdate.of(mesh, status, 0, Optional.of(REFUSED_RECHECK), stats);
    }
  }

  /** The components the status reports, as they run now. */
  private static List<ComponentHealth> running(MeshInstallation mesh, ClusterSnapshot seen) {
    return mesh.getStatus() == null
        ? List.of()
        : RunningHealth.reread(mesh.getStatus().getComponents(), seen);
  }

  /**
   * {@link #report(MeshInstallation, MeshInstallationStatus, Context)} of {@code status} with what
   * the catalogs say added (versionCatalog, the RuntimeCatalog condition).
   */
  private MeshInstallationStatus report(
      MeshInstallation mesh,
      MeshInstallationStatus status,
      CatalogOutcome catalog,
      ClusterSnapshot seen,
      Context<MeshInstallation> context) {
    MeshInstallationStatus full =
        StatusCalculator.withCatalog(status, mesh, catalog, clock.instant());
    full.setForeignIstio(ForeignIstioReport.of(seen));
    return report(mesh, full, context);
  }

  /**
   * Tells what the new status means beyond the status itself: an Event for each milestone or new
   * failure (none when nothing changed) and the installation's gauges.
   */
  private MeshInstallationStatus report(
      MeshInstallation mesh, MeshInstallationStatus status, Context<MeshInstallation> context) {
    MeshEvents.record(
        context.getClient(), mesh, StatusEvents.between(mesh.getStatus(), status), clock.instant());
    gauges.record(mesh.getMetadata().getName(), status);
    return status;
  }

  @Override
  public ErrorStatusUpdateControl<MeshInstallation> updateErrorStatus(
      MeshInstallation mesh, Context<MeshInstallation> context, Exception e) {
    MeshInstallationStatus status =
        report(mesh, StatusCalculator.failed(mesh, FailureMessage.of(e), clock.instant()), context);
    return status.equals(mesh.getStatus())
        ? ErrorStatusUpdateControl.noStatusUpdate()
        : ErrorStatusUpdateControl.patchStatus(StatusUpdate.patch(mesh, status));
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
    sources.add(ForeignIstiodInformer.informer(context));
    sources.add(ClusterCrds.informer(context));
    RuntimeCatalogs.informer(context).ifPresent(sources::add);
    return sources;
  }

  static <R extends HasMetadata> InformerEventSource<R, MeshInstallation> informer(
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
}
