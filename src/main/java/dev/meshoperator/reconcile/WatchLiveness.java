package dev.meshoperator.reconcile;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * An operator whose watches have stopped looks alive but reconciles nothing. This liveness check
 * turns DOWN when a watch stays stopped, or keeps failing and retrying, for longer than a grace
 * period (a relist after a dropped connection takes seconds), so the kubelet restarts the process,
 * and the gauge {@code mesh_operator_stopped_watches} says how many are not watching.
 */
@Liveness
@Singleton
public class WatchLiveness implements HealthCheck {

  private final Operator operator;
  private final Duration grace;
  private final Clock clock;
  private final AtomicReference<Instant> stoppedSince = new AtomicReference<>();

  public WatchLiveness(
      Operator operator,
      MeterRegistry registry,
      Clock clock,
      @ConfigProperty(name = "mesh.watch-liveness.grace", defaultValue = "60s") Duration grace) {
    this.operator = operator;
    this.grace = grace;
    this.clock = clock;
    Gauge.builder("mesh.operator.stopped.watches", this, check -> check.stopped().size())
        .description("Watches (informers) of the operator that are not receiving events")
        .register(registry);
  }

  @Override
  public HealthCheckResponse call() {
    Map<String, String> stopped = stopped();
    HealthCheckResponseBuilder response = HealthCheckResponse.named("mesh-operator watches");
    stopped.forEach(response::withData);
    if (stopped.isEmpty()) {
      stoppedSince.set(null);
      return response.up().build();
    }
    Instant now = clock.instant();
    Instant since = stoppedSince.updateAndGet(previous -> previous == null ? now : previous);
    boolean tooLong = Duration.between(since, now).compareTo(grace) >= 0;
    return response.withData("stoppedSince", since.toString()).status(!tooLong).build();
  }

  /**
   * Watches not watching: controller/event source to why. A watch that fails is retried with
   * backoff (application.properties), so one that keeps failing still counts as running for the
   * operator SDK; what matters here is whether it receives events.
   */
  private Map<String, String> stopped() {
    Map<String, String> stopped = new TreeMap<>();
    if (!operator.getRuntimeInfo().isStarted()) {
      return stopped;
    }
    for (RegisteredController<?> controller :
        operator.getRuntimeInfo().getRegisteredControllers()) {
      String name = controller.getConfiguration().getName();
      for (Map.Entry<String, InformerWrappingEventSourceHealthIndicator> source :
          controller.getControllerHealthInfo().informerEventSourceHealthIndicators().entrySet()) {
        informerState(source.getValue())
            .ifPresent(state -> stopped.put(name + "/" + source.getKey(), state));
      }
    }
    return stopped;
  }

  /** STOPPED or NOT_WATCHING for an event source with an informer in that state. */
  @SuppressWarnings("unchecked")
  private static Optional<String> informerState(InformerWrappingEventSourceHealthIndicator source) {
    Map<String, InformerHealthIndicator> informers = source.informerHealthIndicators();
    for (InformerHealthIndicator informer : informers.values()) {
      if (!informer.isRunning()) {
        return Optional.of("STOPPED");
      }
      if (!informer.isWatching()) {
        return Optional.of("NOT_WATCHING");
      }
    }
    return Optional.empty();
  }
}
