package dev.meshoperator.apply;

import dev.meshoperator.observe.ClusterSnapshot;
import dev.meshoperator.render.DesiredState;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Gets established a CRD of ours that the API server has forgotten to establish.
 *
 * <p>kube-apiserver establishes a CRD when an update event finds its names accepted, after five
 * seconds where it is told other API servers run beside it. A server stopped inside that window (a
 * crash, a control-plane node lost in the middle of an install) comes back with the CRD named but
 * not established, and only its informer's resync, five minutes later, looks at it again; until
 * then Istio's configuration of that kind is refused or unseen. So a CRD of ours seen named but not
 * established for longer than the window is touched: an annotation written and taken off again, two
 * updates that leave the object as it was and wake the server's establishing controller.
 *
 * <p>A touch wakes every installation (a CRD changed) while the server may take its five seconds
 * again, so a CRD is touched again only once a window has passed since its last touch.
 */
@Singleton
public class CrdEstablishment {

  /** Longer than the API server's own wait, so a CRD on its normal way is never touched. */
  static final Duration WINDOW = Duration.ofSeconds(10);

  static final String TOUCHED = "mesh.operator.dev/establish-requested";

  private static final Logger LOG = Logger.getLogger(CrdEstablishment.class);

  /** When each CRD was last touched; forgotten a window later. */
  private final Map<String, Instant> touched = new ConcurrentHashMap<>();

  /**
   * The CRDs of {@code desired} that have waited longer than the window since their names were
   * accepted and since their last touch, by name.
   */
  List<String> stalled(DesiredState desired, ClusterSnapshot seen, Instant now) {
    Map<String, Instant> named = seen.crdsNamedNotEstablished();
    // A touch older than the window holds nothing back; each installation's snapshot is its own,
    // so records go by age, not by what one snapshot shows.
    touched.values().removeIf(at -> at.plus(WINDOW).isBefore(now));
    return crdNames(desired).stream()
        .filter(named::containsKey)
        .filter(name -> named.get(name).plus(WINDOW).isBefore(now))
        .filter(name -> !touched.containsKey(name) || touched.get(name).plus(WINDOW).isBefore(now))
        .sorted()
        .toList();
  }

  /** Remembers that {@code names} were touched at {@code now}. */
  void touched(List<String> names, Instant now) {
    names.forEach(name -> touched.put(name, now));
  }

  /**
   * When to look again without an event: after the window, while a CRD of {@code desired} is on its
   * way to established (being created now, or named and waiting); its establishment sends an event,
   * its stall does not. A CRD whose names were refused waits for a change of the spec.
   */
  static Optional<Duration> recheckIn(DesiredState desired, ClusterSnapshot seen) {
    Map<String, Instant> named = seen.crdsNamedNotEstablished();
    return crdNames(desired).stream()
            .anyMatch(name -> !seen.crds().containsKey(name) || named.containsKey(name))
        ? Optional.of(WINDOW)
        : Optional.empty();
  }

  /** Touches each stalled CRD; returns the writes issued. */
  int touchStalled(
      DesiredState desired, ClusterSnapshot seen, KubernetesClient client, Instant now) {
    List<String> stalled;
    // Installations reconcile side by side: one at a time chooses and records its touches.
    synchronized (touched) {
      stalled = stalled(desired, seen, now);
      touched(stalled, now);
    }
    for (String name : stalled) {
      LOG.infof(
          "CRD %s has had its names accepted since %s but is not established: touching it so"
              + " the API server establishes it",
          name, seen.crdsNamedNotEstablished().get(name));
      patch(client, name, "\"" + now + "\"");
      patch(client, name, "null");
    }
    return 2 * stalled.size();
  }

  private static void patch(KubernetesClient client, String name, String value) {
    // On an object rather than by name alone, which the client would read first.
    CustomResourceDefinition crd =
        new CustomResourceDefinitionBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .build();
    client
        .resource(crd)
        .patch(
            new PatchContext.Builder()
                .withPatchType(PatchType.JSON_MERGE)
                .withFieldManager(Applier.FIELD_MANAGER)
                .build(),
            "{\"metadata\":{\"annotations\":{\"" + TOUCHED + "\":" + value + "}}}");
  }

  private static List<String> crdNames(DesiredState desired) {
    return desired.objects().stream()
        .filter(CustomResourceDefinition.class::isInstance)
        .map(o -> o.getMetadata().getName())
        .toList();
  }
}
