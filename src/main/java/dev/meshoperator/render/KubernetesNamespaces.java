package dev.meshoperator.render;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The namespaces Kubernetes makes itself, in every cluster. */
public final class KubernetesNamespaces {

  /** Its system namespaces: Kubernetes' own pods, none of them for a mesh's data plane. */
  public static final Set<String> SYSTEM = Set.of("kube-system", "kube-public", "kube-node-lease");

  /** Every namespace it makes: the system ones and {@code default}. */
  public static final Set<String> ALL =
      Stream.concat(SYSTEM.stream(), Stream.of("default")).collect(Collectors.toUnmodifiableSet());

  private KubernetesNamespaces() {}
}
