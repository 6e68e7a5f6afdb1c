package dev.meshoperator.reconcile;

import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * An operator whose watches have stopped looks alive but reconciles nothing. The operator SDK's
 * readiness check already turns DOWN while a watch is not running; this liveness check turns DOWN
 * when one stays stopped for longer than a grace period (a relist after a dropped connection takes
 * seconds), so the kubelet restarts the process, and the gauge {@code
 * mesh_operator_stopped_watches} says how many are stopped.
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
        .description("Watches (informers) of the operator that are not running")
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

  /** Stopped watches: controller/event source to its status. */
  private Map<String, String> stopped() {
    Map<String, String> stopped = new TreeMap<>();
    if (!operator.getRuntimeInfo().isStarted()) {
      return stopped;
    }
    operator
        .getRuntimeInfo()
        .unhealthyInformerWrappingEventSourceHealthIndicator()
        .forEach(
            (controller, sources) ->
                sources.forEach(
                    (source, health) ->
                        stopped.put(controller + "/" + source, health.getStatus().name())));
    return stopped;
  }
}
