package dev.meshoperator.revision;

import java.util.List;

/**
 * A revision whose istiod the operator runs, read back from its Deployment.
 *
 * @param pods pods injected by it (the injector's istio.io/rev annotation, or the pod's label)
 * @param namespaces namespaces labelled istio.io/rev with its name
 */
public record RunningRevision(
    String name, String version, boolean ready, int pods, int namespaces, List<String> workloads) {

  boolean inUse() {
    return pods > 0 || namespaces > 0;
  }
}
