package dev.meshoperator.crds;

import dev.meshoperator.catalog.IstioRelease;
import dev.meshoperator.istioapi.PublishedApi;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which of Istio's CRDs an installation writes. It writes those that are missing, its own
 * older ones, and those nobody manages; it never replaces a CRD with an older release's schema
 * (Istio's CRDs only grow, and an older istiod reads a newer CRD: a rollback keeps them), and never
 * takes over one that Helm, istioctl, Sail Operator or OLM manages unless told to. Pure.
 */
public final class IstioCrdPlanner {

  private IstioCrdPlanner() {}

  /**
   * @param api the CRDs the installation's release would write
   * @param cluster every CRD in the cluster by name, metadata reduced to who installed it
   * @param takeOver whether CRDs another tool manages are taken over
   */
  public static IstioCrdPlan plan(
      PublishedApi api, Map<String, ObjectMeta> cluster, boolean takeOver) {
    Set<String> newer = new TreeSet<>();
    Set<String> foreign = new TreeSet<>();
    Set<String> foreignManagers = new LinkedHashSet<>();
    String newest = api.release();
    for (String name : api.crdNames()) {
      ObjectMeta seen = cluster.get(name);
      if (seen == null) {
        continue;
      }
      CrdManager manager = CrdManager.of(seen);
      switch (manager.tool()) {
        case MESH_OPERATOR -> {
          String theirs = manager.release();
          if (!theirs.isEmpty() && IstioRelease.compare(theirs, api.release()) > 0) {
            newer.add(name);
            if (IstioRelease.compare(theirs, newest) > 0) {
              newest = theirs;
            }
          }
        }
        case NONE -> {
          // Applied by hand or from Git: taken over, as before this planner existed.
        }
        default -> {
          if (!takeOver) {
            foreign.add(name);
            foreignManagers.add(manager.describe());
          }
        }
      }
    }
    Set<String> leftAlone = new TreeSet<>(newer);
    leftAlone.addAll(foreign);
    if (!foreign.isEmpty()) {
      return new IstioCrdPlan(
          "",
          String.join(", ", foreignManagers),
          leftAlone,
          foreign.size()
              + " of Istio's CRDs are managed by "
              + String.join(", ", foreignManagers)
              + " and are left as they are; spec.components.base.takeOverCrds: true lets this"
              + " installation apply istio.io/api "
              + api.release()
              + "'s over them");
    }
    if (!newer.isEmpty()) {
      return new IstioCrdPlan(
          newest,
          CrdManager.Tool.MESH_OPERATOR.shown(),
          leftAlone,
          "kept the schemas of istio.io/api "
              + newest
              + ", newer than this release's ("
              + api.release()
              + "): Istio's CRDs are never downgraded");
    }
    return new IstioCrdPlan(api.release(), CrdManager.Tool.MESH_OPERATOR.shown(), Set.of(), "");
  }
}
