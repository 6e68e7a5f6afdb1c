package dev.meshoperator.reconcile;

import java.util.Optional;

/**
 * The namespace the operator runs in, as its Deployment passes it in by the downward API; empty
 * when it runs outside a pod (a local run, the tests' in-process operator).
 */
public final class OperatorNamespace {

  private OperatorNamespace() {}

  public static Optional<String> get() {
    return Optional.ofNullable(System.getenv("KUBERNETES_NAMESPACE")).filter(ns -> !ns.isBlank());
  }
}
