package dev.meshoperator.reconcile;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The operator SDK's own reconcile metrics (started, succeeded, failed, retried, queued, events
 * received, per controller) in Quarkus' registry, so /q/metrics serves them. The extension's
 * default provider binds its registry only after the operator has taken its metrics, which leaves
 * the SDK with none; this hands them over when the operator is built.
 */
public class OperatorMetricsProducer {

  @Produces
  @Singleton
  Metrics operatorMetrics(MeterRegistry registry) {
    return MicrometerMetricsV2.newBuilder(registry).build();
  }
}
