package dev.meshoperator.reconcile;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The reconciler's informer caches, by the name they are registered under (a kind's simple name).
 * Looking them up by name matters where two informers watch one kind (namespaces: the ones the
 * operator made, and every namespace reduced to the labels ambient enrollment needs).
 */
public final class InformerCaches {

  private InformerCaches() {}

  /** This installation's objects of {@code kind}; none when no informer watches it (yet). */
  public static <R extends HasMetadata> Stream<R> secondary(
      Context<MeshInstallation> context, Class<R> kind) {
    return source(context, kind, kind.getSimpleName())
        .map(source -> source.getSecondaryResources(context.getPrimaryResource()).stream())
        .orElseGet(Stream::empty);
  }

  /**
   * Everything informer {@code name} holds that {@code filter} accepts, whichever installation it
   * maps to; none when that informer is not registered (yet).
   */
  @SuppressWarnings("unchecked")
  public static <R extends HasMetadata> Stream<R> all(
      Context<MeshInstallation> context, Class<R> kind, String name, Predicate<R> filter) {
    return source(context, kind, name)
        .map(source -> ((InformerEventSource<R, MeshInstallation>) source).list(filter))
        .orElseGet(Stream::empty);
  }

  /**
   * Registers informer {@code name} unless it already runs: for kinds watched only once some
   * installation needs them (Gateways once their CRD exists, pods once an upgrade counts them).
   */
  public static <R extends HasMetadata> void registerOnce(
      Context<MeshInstallation> context,
      Class<R> kind,
      String name,
      Function<EventSourceContext<MeshInstallation>, InformerEventSource<R, MeshInstallation>>
          informer) {
    if (source(context, kind, name).isPresent()) {
      return;
    }
    var retriever = context.eventSourceRetriever();
    retriever.dynamicallyRegisterEventSource(
        informer.apply(retriever.eventSourceContextForDynamicRegistration()));
  }

  public static <R> Optional<EventSource<R, MeshInstallation>> source(
      Context<MeshInstallation> context, Class<R> kind, String name) {
    return context.eventSourceRetriever().getEventSourcesFor(kind).stream()
        .filter(source -> name.equals(source.name()))
        .findFirst();
  }
}
