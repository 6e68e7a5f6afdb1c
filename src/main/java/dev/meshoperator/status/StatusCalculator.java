package dev.meshoperator.status;

import dev.meshoperator.adopt.Adoption;
import dev.meshoperator.adopt.Coexistence;
import dev.meshoperator.ambient.AmbientOutcome;
import dev.meshoperator.api.v1alpha1.AdoptionStatus;
import dev.meshoperator.api.v1alpha1.ComponentStatus;
import dev.meshoperator.api.v1alpha1.IstioCrdsStatus;
import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.MeshInstallationStatus;
import dev.meshoperator.api.v1alpha1.MovedNamespaceStatus;
import dev.meshoperator.api.v1alpha1.OverlaySpec;
import dev.meshoperator.api.v1alpha1.OverlayStatus;
import dev.meshoperator.api.v1alpha1.PreviewStatus;
import dev.meshoperator.catalog.CatalogOutcome;
import dev.meshoperator.catalog.IstioRelease;
import dev.meshoperator.crds.IstioCrdPlan;
import dev.meshoperator.installation.Applied;
import dev.meshoperator.installation.InstallationPlan;
import dev.meshoperator.observe.ComponentHealth;
import dev.meshoperator.overlay.OverlayKinds;
import dev.meshoperator.plan.InvalidSpecException;
import dev.meshoperator.plan.MeshPlan;
import dev.meshoperator.plan.RequestedVersion;
import dev.meshoperator.revision.RestartPlanner;
import dev.meshoperator.revision.Rollout;
import dev.meshoperator.status.Conditions.ReadyReason;
import dev.meshoperator.status.Conditions.ReconciledReason;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** Computes a MeshInstallation's status from what happened in one reconcile. Pure. */
public final class StatusCalculator {

  private StatusCalculator() {}

  /**
   * A plan was carried out: readiness follows the components' health, and a RevisionBased
   * installation reports its revisions (with the restarts so far). Ambient enrollment has
   * conditions of its own, set only while spec.ambient is.
   */
  public static MeshInstallationStatus applied(
      MeshInstallation mesh, InstallationPlan plan, Applied applied, Instant now) {
    boolean ambient = mesh.getSpec() != null && mesh.getSpec().getAmbient() != null;
    MeshInstallationStatus status =
        applied(mesh, plan.spec(), plan.health(), ambient ? applied.ambient() : null, now);
    if (plan.spec().baseEnabled()) {
      status.setIstioCrds(istioCrds(plan.crds()));
    }
    Rollout rollout = plan.rollout();
    Coexistence coexistence = plan.coexistence();
    status.setConditions(
        adoptedCondition(
            status.getConditions(),
            coexistence,
            plan.adoption(),
            rollout.active(),
            generation(mesh),
            now));
    status.setAdoption(adoption(plan.adoption()));
    status.setOverlays(overlays(plan.overlays(), plan.spec().namespace()));
    if (rollout.revisionBased()) {
      status.setActiveRevision(rollout.active().revision());
      status.setRevisions(
          RevisionReport.of(rollout.states(), applied.restarted(), coexistence.leavesDefault()));
    }
    plan.restart()
        .ifPresent(
            restart ->
                status.setConditions(
                    restartCondition(status.getConditions(), restart, generation(mesh), now)));
    return status;
  }

  /**
   * Present only beside another tool's istiod: what runs beside what and what stays with it, or how
   * a move off it stands. True once this installation serves the default in its place.
   */
  private static List<Condition> adoptedCondition(
      List<Condition> conditions,
      Coexistence coexistence,
      Adoption adoption,
      MeshPlan active,
      long generation,
      Instant now) {
    if (!coexistence.beside()) {
      return Conditions.remove(conditions, Conditions.ADOPTED);
    }
    if (adoption.revision().isEmpty()) {
      String returning = adoption.summary().isEmpty() ? "" : "; " + adoption.summary();
      return Conditions.set(
          conditions,
          Conditions.ADOPTED,
          false,
          Conditions.AdoptionReason.Beside,
          coexistence.describe(active.revision()) + returning,
          generation,
          now);
    }
    Conditions.AdoptionReason reason = Conditions.AdoptionReason.valueOf(adoption.reason().name());
    return Conditions.set(
        conditions,
        Conditions.ADOPTED,
        reason == Conditions.AdoptionReason.HandedOver,
        reason,
        adoption.summary(),
        generation,
        now);
  }

  private static AdoptionStatus adoption(Adoption adoption) {
    if (adoption.namespaces().isEmpty() && adoption.revision().isEmpty()) {
      return null;
    }
    AdoptionStatus status = new AdoptionStatus();
    status.setRevision(adoption.revision().orElse(null));
    status.setNamespaces(
        adoption.namespaces().stream()
            .map(
                m ->
                    new MovedNamespaceStatus(
                        m.name(), m.from(), m.state().name(), m.foreignWorkloads()))
            .toList());
    return status;
  }

  private static IstioCrdsStatus istioCrds(IstioCrdPlan crds) {
    IstioCrdsStatus status = new IstioCrdsStatus();
    status.setRelease(crds.release().isEmpty() ? null : crds.release());
    status.setManagedBy(crds.managedBy());
    status.setMessage(crds.message().isEmpty() ? null : crds.message());
    return status;
  }

  /**
   * Adds what the catalog says: where the version comes from, and whether the runtime catalogs were
   * merged (a bad one is reported here and left out; the built-in catalog still works).
   */
  public static MeshInstallationStatus withCatalog(
      MeshInstallationStatus status, MeshInstallation mesh, CatalogOutcome catalog, Instant now) {
    status.setVersionCatalog(
        status.getVersion() == null ? null : catalog.catalog().sourceOf(status.getVersion()));
    if (catalog.error().isPresent()) {
      status.setConditions(
          Conditions.set(
              status.getConditions(),
              Conditions.RUNTIME_CATALOG,
              false,
              Conditions.CatalogReason.Invalid,
              catalog.error().get() + "; only the built-in catalog is used",
              generation(mesh),
              now));
    } else if (!catalog.runtime().isEmpty()) {
      status.setConditions(
          Conditions.set(
              status.getConditions(),
              Conditions.RUNTIME_CATALOG,
              true,
              Conditions.CatalogReason.Loaded,
              "merged into the built-in catalog: " + String.join(", ", catalog.runtime()),
              generation(mesh),
              now));
    } else {
      status.setConditions(Conditions.remove(status.getConditions(), Conditions.RUNTIME_CATALOG));
    }
    return status;
  }

  /**
   * Present only while the installed release's line is past its end of life upstream: False, with
   * when support ended and what to do.
   */
  private static List<Condition> supportCondition(
      List<Condition> conditions, IstioRelease release, long generation, Instant now) {
    if (!release.endOfLifeBy(now)) {
      return Conditions.remove(conditions, Conditions.VERSION_SUPPORTED);
    }
    return Conditions.set(
        conditions,
        Conditions.VERSION_SUPPORTED,
        false,
        Conditions.SupportReason.EndOfLife,
        release.endOfLifeNotice() + "; move to a supported line",
        generation,
        now);
  }

  /** How the opt-in workload restarts are doing, and which Deployment holds them up. */
  private static List<Condition> restartCondition(
      List<Condition> conditions,
      RestartPlanner.RestartPlan restart,
      long generation,
      Instant now) {
    if (!restart.timedOut().isEmpty()) {
      return Conditions.set(
          conditions,
          Conditions.WORKLOADS_RESTARTED,
          false,
          Conditions.RestartReason.RolloutTimedOut,
          "restarts stopped: "
              + String.join(", ", restart.timedOut())
              + " did not roll out within the rollout timeout; they go on once it has",
          generation,
          now);
    }
    if (!restart.done()) {
      return Conditions.set(
          conditions,
          Conditions.WORKLOADS_RESTARTED,
          false,
          Conditions.RestartReason.Restarting,
          restart.restarted()
              + " workloads restarted onto revision "
              + restart.revision()
              + " so far; rolling out: "
              + String.join(", ", restart.rolling()),
          generation,
          now);
    }
    return Conditions.set(
        conditions,
        Conditions.WORKLOADS_RESTARTED,
        true,
        Conditions.RestartReason.Restarted,
        restart.restarted() + " restarted workloads run on revision " + restart.revision(),
        generation,
        now);
  }

  /** The spec was applied; readiness follows the components' health. */
  public static MeshInstallationStatus applied(
      MeshInstallation mesh, MeshPlan plan, List<ComponentHealth> health, Instant now) {
    return applied(mesh, plan, health, null, now);
  }

  /**
   * The same, with the outcome of ambient enrollment (null when spec.ambient is not set).
   * Enrollment has conditions of its own: Ready keeps meaning that the components work.
   */
  public static MeshInstallationStatus applied(
      MeshInstallation mesh,
      MeshPlan plan,
      List<ComponentHealth> health,
      AmbientOutcome ambient,
      Instant now) {
    long generation = generation(mesh);
    var conditions =
        Conditions.set(
            previousConditions(mesh),
            Conditions.RECONCILED,
            true,
            ReconciledReason.Applied,
            "Istio "
                + plan.release().version()
                + " ("
                + plan.profile().value()
                + " profile) is applied",
            generation,
            now);
    conditions = readiness(conditions, health, generation, now);
    conditions = AmbientConditions.set(conditions, ambient, generation, now);
    conditions = supportCondition(conditions, plan.release(), generation, now);
    // Built last, from what was decided above.
    MeshInstallationStatus status = new MeshInstallationStatus();
    status.setObservedGeneration(generation);
    status.setVersion(plan.release().version());
    status.setVersionSource(RequestedVersion.of(mesh).source());
    status.setActiveRevision(plan.revision());
    status.setCompatibilityVersion(plan.compatibilityVersion().map(Object::toString).orElse(null));
    status.setComponents(components(health));
    status.setConditions(conditions);
    status.setAmbient(ambient == null ? null : ambient.status());
    return status;
  }

  /** The applied overlays, as status.overlays lists them; null without any. */
  private static List<OverlayStatus> overlays(List<OverlaySpec> overlays, String controlPlane) {
    if (overlays.isEmpty()) {
      return null;
    }
    return overlays.stream()
        .map(
            o ->
                new OverlayStatus(
                    o.getKind(),
                    o.getName(),
                    OverlayKinds.isClusterScoped(o.getKind())
                        ? null
                        : Objects.requireNonNullElse(o.getNamespace(), controlPlane),
                    o.getPatches().size()))
        .toList();
  }

  private static List<ComponentStatus> components(List<ComponentHealth> health) {
    return health.stream()
        .map(h -> new ComponentStatus(h.component(), h.ready(), h.reason(), h.message()))
        .toList();
  }

  /** Ready as the components' health says, set for {@code generation}. */
  private static List<Condition> readiness(
      List<Condition> conditions, List<ComponentHealth> health, long generation, Instant now) {
    List<ComponentHealth> notReady = health.stream().filter(h -> !h.isReady()).toList();
    if (health.isEmpty()) {
      conditions =
          Conditions.set(
              conditions,
              Conditions.READY,
              true,
              ReadyReason.NoComponentsEnabled,
              "no component is enabled",
              generation,
              now);
    } else if (notReady.isEmpty()) {
      conditions =
          Conditions.set(
              conditions,
              Conditions.READY,
              true,
              ReadyReason.ComponentsReady,
              "all " + health.size() + " components are ready",
              generation,
              now);
    } else {
      conditions =
          Conditions.set(
              conditions,
              Conditions.READY,
              false,
              ReadyReason.ComponentsNotReady,
              notReady.stream()
                  .map(h -> h.component() + ": " + h.message())
                  .collect(Collectors.joining("; ")),
              generation,
              now);
    }
    return conditions;
  }

  /**
   * The spec cannot be acted on. What runs is untouched, so what the status said about it (version,
   * revision) stays and Reconciled turns False; components and Ready follow {@code running}, what
   * runs as read now.
   */
  public static MeshInstallationStatus rejected(
      MeshInstallation mesh,
      InvalidSpecException error,
      List<ComponentHealth> running,
      Instant now) {
    ReconciledReason reason =
        switch (error.reason()) {
          case Conflict -> ReconciledReason.Conflict;
          case InvalidSpec -> ReconciledReason.InvalidSpec;
          case PreflightFailed -> ReconciledReason.PreflightFailed;
        };
    return notReconciled(mesh, reason, error.getMessage(), running, now);
  }

  /**
   * spec.paused: nothing was written. What runs is described as before; the preview says what
   * unpausing would do.
   */
  public static MeshInstallationStatus paused(
      MeshInstallation mesh, PreviewStatus preview, List<ComponentHealth> running, Instant now) {
    int changes =
        preview.getCreate().size() + preview.getChange().size() + preview.getDelete().size();
    String message =
        changes == 0 && preview.getOmitted() == null
            ? "paused; nothing would change"
            : "paused: "
                + preview.getCreate().size()
                + " objects to create, "
                + preview.getChange().size()
                + " to change, "
                + preview.getDelete().size()
                + " to delete"
                + (preview.getOmitted() == null ? "" : " and " + preview.getOmitted() + " more")
                + " (status.preview); set spec.paused to false to apply them";
    MeshInstallationStatus status =
        notReconciled(mesh, ReconciledReason.Paused, message, running, now);
    status.setPreview(preview);
    return status;
  }

  /** Applying failed unexpectedly; the operator retries with back-off. */
  public static MeshInstallationStatus failed(MeshInstallation mesh, String message, Instant now) {
    MeshInstallationStatus previous =
        Objects.requireNonNullElseGet(mesh.getStatus(), MeshInstallationStatus::new);
    return notReconciled(
        mesh,
        ReconciledReason.ApplyFailed,
        message,
        previous.getComponents(),
        previous.getConditions(),
        now);
  }

  private static MeshInstallationStatus notReconciled(
      MeshInstallation mesh,
      ReconciledReason reason,
      String message,
      List<ComponentHealth> running,
      Instant now) {
    MeshInstallationStatus previous =
        Objects.requireNonNullElseGet(mesh.getStatus(), MeshInstallationStatus::new);
    List<Condition> conditions = previous.getConditions();
    Optional<Long> readyFor =
        Conditions.find(conditions, Conditions.READY).map(Condition::getObservedGeneration);
    if (readyFor.isPresent() && !running.isEmpty()) {
      // Still about the spec it was set for: only what runs is read again.
      conditions = readiness(conditions, running, readyFor.get(), now);
    }
    return notReconciled(
        mesh,
        reason,
        message,
        previous.getComponents() == null ? null : components(running),
        conditions,
        now);
  }

  private static MeshInstallationStatus notReconciled(
      MeshInstallation mesh,
      ReconciledReason reason,
      String message,
      List<ComponentStatus> components,
      List<Condition> previousConditions,
      Instant now) {
    MeshInstallationStatus previous =
        Objects.requireNonNullElseGet(mesh.getStatus(), MeshInstallationStatus::new);
    var conditions =
        Conditions.set(
            previousConditions,
            Conditions.RECONCILED,
            false,
            reason,
            message,
            generation(mesh),
            now);
    MeshInstallationStatus status = new MeshInstallationStatus();
    status.setObservedGeneration(generation(mesh));
    status.setVersion(previous.getVersion());
    status.setVersionSource(previous.getVersionSource());
    status.setActiveRevision(previous.getActiveRevision());
    status.setCompatibilityVersion(previous.getCompatibilityVersion());
    status.setComponents(components);
    // The revisions still run: keeping them keeps their unused-since clocks too.
    status.setRevisions(previous.getRevisions());
    status.setAmbient(previous.getAmbient());
    // Replaced by the reconcile's own finding; kept as it was where a failure ends it early.
    status.setForeignIstio(previous.getForeignIstio());
    status.setAdoption(previous.getAdoption());
    status.setOverlays(previous.getOverlays());
    status.setConditions(conditions);
    return status;
  }

  private static List<Condition> previousConditions(MeshInstallation mesh) {
    return mesh.getStatus() == null ? List.of() : mesh.getStatus().getConditions();
  }

  private static long generation(MeshInstallation mesh) {
    return Objects.requireNonNullElse(mesh.getMetadata().getGeneration(), 0L);
  }
}
