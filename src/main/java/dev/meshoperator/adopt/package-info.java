/**
 * Taking over an Istio another tool installed (Helm, istioctl): running beside its istiod as a
 * revision of this installation's own, leaving what serves the whole mesh with it until it is
 * handed over. Pure: decides from the reconcile's snapshot.
 */
package dev.meshoperator.adopt;
