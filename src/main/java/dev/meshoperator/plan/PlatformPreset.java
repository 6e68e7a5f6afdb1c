package dev.meshoperator.plan;

import dev.meshoperator.api.v1alpha1.Platform;

/**
 * What upstream's platform profiles change for the node agents.
 *
 * @param cniBinDir host directory of CNI plugin binaries
 * @param cniConfDir host directory of CNI configuration
 * @param cniNetnsDir host directory of pod network namespaces
 * @param chained whether istio-cni chains into the existing CNI configuration
 * @param cniConfFileName a standalone configuration file name, or null when chained
 * @param nodeAgentQuota a ResourceQuota admitting system-node-critical pods outside kube-system
 * @param openshift the SCC permission and SELinux type OpenShift needs, multus's network attachment
 *     for istio-cni and injection through it
 * @param nodeAgentNamespace where istio-cni and ztunnel run, or null for the control plane's
 *     namespace
 */
public record PlatformPreset(
    Platform platform,
    String cniBinDir,
    String cniConfDir,
    String cniNetnsDir,
    boolean chained,
    String cniConfFileName,
    boolean nodeAgentQuota,
    boolean openshift,
    String nodeAgentNamespace) {

  private static final String BIN = "/opt/cni/bin";
  private static final String CONF = "/etc/cni/net.d";
  private static final String NETNS = "/var/run/netns";
  private static final String K3S_CONF = "/var/lib/rancher/k3s/agent/etc/cni/net.d";

  public static PlatformPreset of(Platform platform) {
    return switch (platform) {
      case DEFAULT, EKS -> standard(platform, BIN, CONF, NETNS);
      // GKE keeps CNI binaries under /home/kubernetes/bin and admits system-node-critical pods
      // outside kube-system only under a quota.
      case GKE ->
          new PlatformPreset(
              platform, "/home/kubernetes/bin", CONF, NETNS, true, null, true, false, null);
      case K3S -> standard(platform, "/var/lib/rancher/k3s/data/cni", K3S_CONF, NETNS);
      case K3D -> standard(platform, "/bin", K3S_CONF, NETNS);
      case MICROK8S ->
          standard(
              platform,
              "/var/snap/microk8s/current/opt/cni/bin",
              "/var/snap/microk8s/current/args/cni-network",
              NETNS);
      case MINIKUBE -> standard(platform, BIN, CONF, "/var/run/docker/netns");
      case OPENSHIFT ->
          new PlatformPreset(
              platform,
              "/var/lib/cni/bin",
              "/etc/cni/multus/net.d",
              NETNS,
              false,
              "istio-cni.conf",
              false,
              true,
              // As upstream's openshift profiles place them: kube-system admits node-critical pods
              // and is where istiod's chart trusts ztunnel on this platform.
              "kube-system");
    };
  }

  private static PlatformPreset standard(Platform platform, String bin, String conf, String netns) {
    return new PlatformPreset(platform, bin, conf, netns, true, null, false, false, null);
  }
}
