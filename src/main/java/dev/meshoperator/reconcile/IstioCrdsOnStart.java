package dev.meshoperator.reconcile;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.apply.Applier;
import dev.meshoperator.apply.WritePool;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.catalog.IstioRelease;
import dev.meshoperator.render.MeshRenderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates Istio's CRDs when the operator starts leading in a cluster that has none of them and no
 * MeshInstallation, as Sail Operator's chart ships them beside the operator. The API server takes
 * longer to establish fifteen CRDs than to accept everything else an install writes, so otherwise
 * the first installation waits for it (docs/benchmarks.md). They are the CRDs of the newest release
 * the operator ships, labelled as an installation of that release renders them: such an
 * installation finds them as it wants them and writes none, any other release updates them as
 * before. A cluster holding any of Istio's CRDs, whoever installed them, is left alone; so is every
 * cluster when {@code mesh.istio-crds.on-start} is false.
 */
@Singleton
public class IstioCrdsOnStart {

  private static final Logger LOG = Logger.getLogger(IstioCrdsOnStart.class);

  private final KubernetesClient client;
  private final IstioCatalog catalog;
  private final WritePool pool;
  private final boolean enabled;
  private final AtomicBoolean begun = new AtomicBoolean();

  public IstioCrdsOnStart(
      KubernetesClient client,
      IstioCatalog catalog,
      WritePool pool,
      @ConfigProperty(name = "mesh.istio-crds.on-start", defaultValue = "true") boolean enabled) {
    this.client = client;
    this.catalog = catalog;
    this.pool = pool;
    this.enabled = enabled;
  }

  /**
   * Runs {@link #run()} on a thread of its own, once per process: the controllers start meanwhile,
   * and an installation created at the same moment writes the same objects under the same manager.
   */
  public void begin() {
    if (!begun.compareAndSet(false, true)) {
      return;
    }
    Thread thread = new Thread(this::run, "istio-crds-on-start");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Creates the CRDs where the cluster has no trace of Istio, and logs what it did and why; never
   * fails the operator.
   */
  void run() {
    if (!enabled) {
      LOG.info("Istio's CRDs are left to the installations (mesh.istio-crds.on-start is false)");
      return;
    }
    try {
      boolean installations =
          !client
              .resources(MeshInstallation.class)
              .list(new ListOptionsBuilder().withLimit(1L).build())
              .getItems()
              .isEmpty();
      if (installations) {
        LOG.info("MeshInstallations exist: Istio's CRDs are left to the installations");
        return;
      }
      IstioRelease release = catalog.releases().get(0);
      List<HasMetadata> crds = MeshRenderer.istioCrds(release);
      Optional<String> present =
          crds.stream()
              .map(crd -> crd.getMetadata().getName())
              .filter(
                  name ->
                      client.apiextensions().v1().customResourceDefinitions().withName(name).get()
                          != null)
              .findFirst();
      if (present.isPresent()) {
        LOG.infof(
            "Istio's CRD %s is installed already: Istio's CRDs are left to the installations",
            present.get());
        return;
      }
      Applier.applyUnowned(client, crds, pool);
      LOG.infof(
          "created Istio's %d CRDs of release %s, so that the first installation need not wait"
              + " for them (mesh.istio-crds.on-start)",
          crds.size(), release.version());
    } catch (RuntimeException e) {
      LOG.warnf(
          "Istio's CRDs were not created at start (the first MeshInstallation will): %s",
          e.getMessage());
    }
  }
}
