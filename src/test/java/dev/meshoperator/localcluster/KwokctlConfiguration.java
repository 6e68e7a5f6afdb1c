package dev.meshoperator.localcluster;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The kwokctl configuration for an offline cluster: the binary runtime pointed at local files,
 * every component on 127.0.0.1. kwokctl then writes its default stages, under which pods go Running
 * and Ready as soon as they are scheduled.
 */
record KwokctlConfiguration(Path binDir, Path auditPolicy, Map<String, String> apiserverArgs) {

  static KwokctlConfiguration forBinaries(Path binDir) {
    return new KwokctlConfiguration(binDir.toAbsolutePath(), null, Map.of());
  }

  /** The same, with kube-apiserver writing an audit log under this policy (benchmarks). */
  KwokctlConfiguration withAuditPolicy(Path policy) {
    return new KwokctlConfiguration(
        binDir, policy == null ? null : policy.toAbsolutePath(), apiserverArgs);
  }

  /** The same, with more kube-apiserver flags (name without dashes, value). */
  KwokctlConfiguration withApiserverArgs(Map<String, String> args) {
    return new KwokctlConfiguration(binDir, auditPolicy, new TreeMap<>(args));
  }

  String toYaml() {
    // kube-apiserver picks its advertise address from the default route, which a sandbox may lack.
    return """
        apiVersion: config.kwok.x-k8s.io/v1alpha1
        kind: KwokctlConfiguration
        options:
          runtime: binary
          bindAddress: 127.0.0.1
          kubeApiserverBinary: %1$s/kube-apiserver
          kubeControllerManagerBinary: %1$s/kube-controller-manager
          kubeSchedulerBinary: %1$s/kube-scheduler
          kubectlBinary: %1$s/kubectl
          etcdBinary: %1$s/etcd
          kwokControllerBinary: %1$s/kwok
        %2$scomponentsPatches:
        - name: kube-apiserver
          extraArgs:
          - key: advertise-address
            value: 127.0.0.1
        %3$s"""
        .formatted(
            binDir,
            auditPolicy == null ? "" : "  kubeAuditPolicy: " + auditPolicy + "\n",
            apiserverArgs.entrySet().stream()
                // Quoted: a value that reads as a number ("2") must still reach kwokctl as text.
                .map(
                    e ->
                        "  - key: %s\n    value: '%s'\n"
                            .formatted(e.getKey(), e.getValue().replace("'", "''")))
                .collect(Collectors.joining()));
  }
}
