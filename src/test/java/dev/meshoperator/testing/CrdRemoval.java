package dev.meshoperator.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Deletes a CRD for a test that needs it gone, and waits until the API server has removed it.
 *
 * <p>A CRD goes only after the API server's finalizer has listed and deleted its instances. Right
 * after the CRD changed, the API server rebuilds its storage, and a list meanwhile fails with
 * "storage is (re)initializing"; the finalizer retries with pauses that double from 5 ms, so one
 * failing while the storage is slow to come back may wait for minutes (seen in CI). So the CRD is
 * deleted only once its kind lists again, and a finalizer seen failing is woken by a touch of the
 * CRD (an update event queues it at once, whatever its backoff).
 *
 * <p>Anything that wants the CRD (an installation left running, another tool) may create it again
 * at once, between two polls. So the wait tells the two apart by uid: a CRD of another uid fails
 * the test at once, naming who created it; a CRD still there when time is up fails it with its
 * finalizers and conditions, which say what the API server is waiting for.
 */
public final class CrdRemoval {

  private static final Duration BOUND = Duration.ofMinutes(2);

  /** How long a failed cleanup is left to the finalizer's own retry before a touch. */
  private static final Duration NUDGE_AFTER = Duration.ofSeconds(5);

  private static final String NUDGE = "mesh.operator.dev/test-wakes-the-finalizer";

  private CrdRemoval() {}

  public static void deleteAndAwaitGone(KubernetesClient client, String name) {
    CustomResourceDefinition before = get(client, name);
    if (before == null) {
      return;
    }
    String uid = before.getMetadata().getUid();
    awaitListed(client, before);
    client.resource(before).delete();
    Instant[] nudged = {Instant.now()};
    try {
      await()
          .atMost(BOUND)
          .until(
              () -> {
                CustomResourceDefinition now = get(client, name);
                if (now != null && !uid.equals(now.getMetadata().getUid())) {
                  throw new AssertionError(
                      "CRD "
                          + name
                          + " was created again at "
                          + now.getMetadata().getCreationTimestamp()
                          + " by "
                          + managers(now)
                          + " before the test could see it gone");
                }
                if (now != null
                    && cleanupFailed(now)
                    && nudged[0].plus(NUDGE_AFTER).isBefore(Instant.now())) {
                  nudged[0] = Instant.now();
                  nudge(client, name);
                }
                return now == null;
              });
    } catch (ConditionTimeoutException e) {
      CustomResourceDefinition stuck = get(client, name);
      throw new AssertionError(
          "CRD "
              + name
              + " is still there after "
              + BOUND
              + (stuck == null ? "" : ": " + describe(stuck)),
          e);
    }
  }

  /**
   * Waits until the API server lists the CRD's kind, so its storage is ready for the finalizer.
   * Only for an established CRD: the finalizer lists no other.
   */
  private static void awaitListed(KubernetesClient client, CustomResourceDefinition crd) {
    if (!hasCondition(crd, "Established", null)) {
      return;
    }
    String version =
        crd.getSpec().getVersions().stream()
            .filter(v -> Boolean.TRUE.equals(v.getServed()))
            .findFirst()
            .orElseThrow()
            .getName();
    String apiVersion = crd.getSpec().getGroup() + "/" + version;
    String kind = crd.getSpec().getNames().getKind();
    await("the API server lists " + kind + " (" + apiVersion + ") before its CRD is deleted")
        .atMost(BOUND)
        .ignoreExceptions()
        .until(
            () -> {
              client.genericKubernetesResources(apiVersion, kind).inAnyNamespace().list();
              return true;
            });
  }

  /** The finalizer could not delete or count the instances, and waits for its retry. */
  private static boolean cleanupFailed(CustomResourceDefinition crd) {
    return hasCondition(crd, "Terminating", "InstanceDeletion");
  }

  private static boolean hasCondition(
      CustomResourceDefinition crd, String type, String reasonPrefix) {
    return crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(
                c ->
                    c.getType().equals(type)
                        && "True".equals(c.getStatus())
                        && (reasonPrefix == null
                            || String.valueOf(c.getReason()).startsWith(reasonPrefix)));
  }

  /** An annotation written, for the update event; nothing if the CRD went meanwhile. */
  private static void nudge(KubernetesClient client, String name) {
    try {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(name)
          .edit(
              crd -> {
                Map<String, String> annotations =
                    new java.util.HashMap<>(
                        Objects.requireNonNullElse(crd.getMetadata().getAnnotations(), Map.of()));
                annotations.put(NUDGE, Instant.now().toString());
                crd.getMetadata().setAnnotations(annotations);
                return crd;
              });
    } catch (KubernetesClientException goneOrChanged) {
      // Gone (the finalizer finished) or changed meanwhile (the next poll looks again).
    }
  }

  private static CustomResourceDefinition get(KubernetesClient client, String name) {
    return client.apiextensions().v1().customResourceDefinitions().withName(name).get();
  }

  private static String managers(CustomResourceDefinition crd) {
    List<ManagedFieldsEntry> entries =
        Objects.requireNonNullElse(crd.getMetadata().getManagedFields(), List.of());
    return entries.stream()
        .map(entry -> entry.getManager() + " (" + entry.getOperation() + ")")
        .distinct()
        .collect(Collectors.joining(", "));
  }

  private static String describe(CustomResourceDefinition crd) {
    List<CustomResourceDefinitionCondition> conditions =
        crd.getStatus() == null
            ? List.of()
            : Objects.requireNonNullElse(crd.getStatus().getConditions(), List.of());
    return "deletionTimestamp "
        + crd.getMetadata().getDeletionTimestamp()
        + ", finalizers "
        + crd.getMetadata().getFinalizers()
        + ", conditions "
        + conditions.stream()
            .map(
                c ->
                    c.getType()
                        + "="
                        + c.getStatus()
                        + " ("
                        + c.getReason()
                        + ": "
                        + c.getMessage()
                        + ")")
            .collect(Collectors.joining("; "))
        + ", managers "
        + managers(crd);
  }
}
