package dev.meshoperator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Awaits and asserts on one MeshInstallation as the API server has it: the conditions vocabulary
 * every integration test shares (in the spirit of the Keycloak operator's CRAssert). Each wait is
 * bounded; a condition not written yet is retried, not an error.
 */
public final class MeshAssert {

  public static final Duration BOUND = Duration.ofSeconds(90);

  private final KubernetesClient client;
  private final String name;
  private final Duration bound;

  private MeshAssert(KubernetesClient client, String name, Duration bound) {
    this.client = client;
    this.name = name;
    this.bound = bound;
  }

  public static MeshAssert of(KubernetesClient client, String name) {
    return new MeshAssert(client, name, BOUND);
  }

  public static MeshAssert of(KubernetesClient client, MeshInstallation mesh) {
    return of(client, mesh.getMetadata().getName());
  }

  /** The same installation, waited on for at most {@code bound}. */
  public MeshAssert within(Duration bound) {
    return new MeshAssert(client, name, bound);
  }

  public MeshInstallation current() {
    return client.resources(MeshInstallation.class).withName(name).get();
  }

  /** Waits until {@code assertion} holds for the installation as it is now. */
  public MeshInstallation awaitStatus(Consumer<MeshInstallation> assertion) {
    await(name)
        .atMost(bound)
        .untilAsserted(
            () -> {
              MeshInstallation current = current();
              assertThat(current).as("MeshInstallation %s", name).isNotNull();
              assertThat(current.getStatus()).as("status of %s", name).isNotNull();
              assertion.accept(current);
            });
    return current();
  }

  /** Waits until the status is of the current generation and {@code assertion} holds for it. */
  public MeshInstallation awaitCurrent(Consumer<MeshInstallation> assertion) {
    return awaitStatus(
        m -> {
          assertThat(m.getStatus().getObservedGeneration())
              .as("observedGeneration of %s", name)
              .isEqualTo(m.getMetadata().getGeneration());
          assertion.accept(m);
        });
  }

  /** Waits until the installation is Ready for its current generation and {@code check} holds. */
  public MeshInstallation awaitReady(Consumer<MeshInstallation> check) {
    return awaitCurrent(
        m -> {
          Condition ready = requireCondition(m, Conditions.READY);
          assertThat(ready.getStatus()).as("Ready: %s", ready.getMessage()).isEqualTo("True");
          check.accept(m);
        });
  }

  /** Waits until condition {@code type} has {@code status} for the current generation. */
  public Condition awaitCondition(String type, String status) {
    MeshInstallation mesh =
        awaitStatus(
            m -> {
              Condition c = requireCondition(m, type);
              assertThat(c.getStatus()).as("%s: %s", type, c.getMessage()).isEqualTo(status);
              assertThat(c.getObservedGeneration()).isEqualTo(m.getMetadata().getGeneration());
            });
    return requireCondition(mesh, type);
  }

  /** Waits until condition {@code type} gives {@code reason}. */
  public Condition awaitReason(String type, String reason) {
    MeshInstallation mesh =
        awaitStatus(
            m -> {
              Condition c = requireCondition(m, type);
              assertThat(c.getReason()).as("%s: %s", type, c.getMessage()).isEqualTo(reason);
            });
    return requireCondition(mesh, type);
  }

  /** Waits until the installation is Ready for its current generation, and returns it. */
  public MeshInstallation awaitReady() {
    return awaitReady(m -> {});
  }

  /** The installation's Events, oldest first. */
  public java.util.List<Event> events() {
    return client.v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .sorted(java.util.Comparator.comparing(e -> e.getEventTime().getTime()))
        .toList();
  }

  /**
   * Waits until a Warning Event with {@code reason} stands for the installation (events of a
   * cluster-scoped object live in namespace default), and returns it.
   */
  public Event awaitWarningEvent(String reason) {
    return await(name + ": a Warning Event " + reason)
        .atMost(bound)
        .until(
            () ->
                client.v1().events().inNamespace("default").list().getItems().stream()
                    .filter(e -> name.equals(e.getInvolvedObject().getName()))
                    .filter(e -> "Warning".equals(e.getType()))
                    .filter(e -> reason.equals(e.getReason()))
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  /** The condition, or an assertion error (which Awaitility retries) while it is not written. */
  public static Condition requireCondition(MeshInstallation mesh, String type) {
    return condition(mesh, type)
        .orElseThrow(() -> new AssertionError("no " + type + " condition yet"));
  }

  public static Optional<Condition> condition(MeshInstallation mesh, String type) {
    return Conditions.find(
        mesh.getStatus() == null ? null : mesh.getStatus().getConditions(), type);
  }
}
