package dev.meshoperator.reconcile;

import dev.meshoperator.apply.WriteRefused;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;

/**
 * What a user reads when a reconcile fails in a way the operator did not foresee: words that say
 * what failed and what happens next, never an exception's class or the client's request dump. The
 * whole exception stays in the operator's log.
 */
final class FailureMessage {

  private FailureMessage() {}

  static String of(Throwable failure) {
    Optional<WriteRefused> refused = find(failure, WriteRefused.class);
    if (refused.isPresent()) {
      return refused.get().getMessage() + "; retrying with backoff";
    }
    Optional<KubernetesClientException> request = find(failure, KubernetesClientException.class);
    if (request.isPresent()) {
      return WriteRefused.serverReason(request.get())
              .map(reason -> "the API server refused a request (" + reason + ")")
              .orElse("could not reach the API server")
          + "; retrying with backoff";
    }
    return "the operator failed unexpectedly while reconciling this installation; retrying with"
        + " backoff. The operator's log has the details";
  }

  private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> kind) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (kind.isInstance(t)) {
        return Optional.of(kind.cast(t));
      }
    }
    return Optional.empty();
  }
}
