package dev.meshoperator.reconcile;

import dev.meshoperator.api.v1alpha1.MeshInstallationStatus;
import dev.meshoperator.status.Conditions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-installation gauges on /q/metrics, from the status each reconcile computes: ready (1 or 0),
 * revisions running, namespaces enrolled in ambient. The operator SDK adds its own reconcile
 * counters and timers beside them.
 */
@Singleton
public class InstallationGauges {

  private final MeterRegistry registry;
  private final Map<String, Values> byInstallation = new ConcurrentHashMap<>();

  public InstallationGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  public void record(String installation, MeshInstallationStatus status) {
    Values values = byInstallation.computeIfAbsent(installation, this::register);
    boolean ready =
        Conditions.find(status.getConditions(), Conditions.READY)
            .map(c -> "True".equals(c.getStatus()))
            .orElse(false);
    values.ready.set(ready ? 1 : 0);
    values.revisions.set(
        status.getRevisions() == null
            ? (status.getVersion() == null ? 0 : 1)
            : status.getRevisions().size());
    values.enrolled.set(
        status.getAmbient() == null ? 0 : status.getAmbient().getEnrolledNamespaces());
  }

  /**
   * Forgets the installations not named: one deleted without a finalizer ends without a callback,
   * so the next reconcile of any installation removes its series.
   */
  public void retainOnly(Collection<String> installations) {
    Set<String> gone = new HashSet<>(byInstallation.keySet());
    gone.removeAll(installations);
    gone.forEach(this::forget);
  }

  /** An installation that is gone leaves no series behind. */
  public void forget(String installation) {
    Values values = byInstallation.remove(installation);
    if (values != null) {
      values.meters.forEach(registry::remove);
    }
  }

  private Values register(String installation) {
    Tags tags = Tags.of("installation", installation);
    Values values = new Values();
    values.meters =
        List.of(
            Gauge.builder("mesh.installation.ready", values.ready, AtomicInteger::get)
                .description("1 when the installation's Ready condition is True")
                .tags(tags)
                .register(registry),
            Gauge.builder("mesh.installation.revisions", values.revisions, AtomicInteger::get)
                .description("Istio control plane revisions the installation runs")
                .tags(tags)
                .register(registry),
            Gauge.builder(
                    "mesh.installation.enrolled.namespaces", values.enrolled, AtomicInteger::get)
                .description("Namespaces the installation has enrolled in ambient mode")
                .tags(tags)
                .register(registry));
    return values;
  }

  private static final class Values {
    private final AtomicInteger ready = new AtomicInteger();
    private final AtomicInteger revisions = new AtomicInteger();
    private final AtomicInteger enrolled = new AtomicInteger();
    private List<Meter> meters = List.of();
  }
}
