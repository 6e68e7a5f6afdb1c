package dev.meshoperator.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Deletes a CRD for a test that needs it gone, and waits until the API server has removed it.
 *
 * <p>A CRD goes only after the API server's finalizer has deleted its instances, and anything that
 * wants it (an installation left running, another tool) may create it again at once, between two
 * polls. So the wait tells the two apart by uid: a CRD of another uid fails the test at once,
 * naming who created it; a CRD still there when time is up fails it with its finalizers and
 * conditions, which say what the API server is waiting for.
 */
public final class CrdRemoval {

  /**
   * Longer than the waits for the operator: the API server's finalizer retries a failed cleanup
   * with growing pauses, and a CRD that goes in the end should not fail the test.
   */
  private static final Duration BOUND = Duration.ofMinutes(3);

  private CrdRemoval() {}

  public static void deleteAndAwaitGone(KubernetesClient client, String name) {
    CustomResourceDefinition before = get(client, name);
    if (before == null) {
      return;
    }
    String uid = before.getMetadata().getUid();
    client.resource(before).delete();
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
