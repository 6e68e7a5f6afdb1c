package dev.meshoperator.crds;

import java.util.Set;

/**
 * What an installation does with Istio's CRDs, decided from what the cluster holds.
 *
 * @param release the istio.io/api release of the schemas the cluster will hold
 * @param managedBy who manages them, in words (see {@link CrdManager#describe()})
 * @param leftAlone CRDs the installation does not write: newer than its own, or another tool's
 * @param message why they are left alone; empty when none is
 */
public record IstioCrdPlan(
    String release, String managedBy, Set<String> leftAlone, String message) {}
