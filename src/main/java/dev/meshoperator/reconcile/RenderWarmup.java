package dev.meshoperator.reconcile;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.api.v1alpha1.MeshInstallationSpec;
import dev.meshoperator.api.v1alpha1.Profile;
import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.catalog.RelatedImages;
import dev.meshoperator.installation.InstallationPlanner;
import dev.meshoperator.observe.EmptyCluster;
import dev.meshoperator.plan.PlanResolver;
import dev.meshoperator.render.DesiredState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Plans and renders a made-up installation of each data-plane profile once, on a thread of its own,
 * as the operator starts, and serializes what it rendered as the client will. In a fresh JVM the
 * first reconcile otherwise pays for loading and compiling the planners, the renderers and the
 * model's serializers: a third of a second of a two-second install on a small node.
 */
@Singleton
public class RenderWarmup {

  private static final Logger LOG = Logger.getLogger(RenderWarmup.class);

  private final IstioCatalog catalog;
  private final RelatedImages images;
  private final KubernetesSerialization serialization;
  private final Clock clock;

  public RenderWarmup(
      IstioCatalog catalog,
      RelatedImages images,
      KubernetesSerialization serialization,
      Clock clock) {
    this.catalog = catalog;
    this.images = images;
    this.serialization = serialization;
    this.clock = clock;
  }

  void onStart(@Observes StartupEvent started) {
    Thread thread = new Thread(this::warm, "render-warmup");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  /** Returns how many objects were rendered; a failure here is only logged, never fatal. */
  int warm() {
    long start = System.nanoTime();
    int rendered = 0;
    try {
      InstallationPlanner planner = new InstallationPlanner(new PlanResolver(catalog, images));
      for (Profile profile : List.of(Profile.DEFAULT, Profile.AMBIENT)) {
        MeshInstallation mesh = sample(profile);
        DesiredState desired = planner.plan(mesh, new EmptyCluster(mesh), clock.instant()).render();
        for (HasMetadata object : desired.objects()) {
          serialization.asJson(object);
          rendered++;
        }
      }
      LOG.debugf(
          "warm-up rendered %d objects in %d ms",
          rendered, (System.nanoTime() - start) / 1_000_000);
    } catch (RuntimeException e) {
      LOG.debugf(e, "warm-up stopped: the first reconcile will load what it needs itself");
    }
    return rendered;
  }

  private static MeshInstallation sample(Profile profile) {
    MeshInstallation mesh = new MeshInstallation();
    mesh.getMetadata().setName("warm-up");
    MeshInstallationSpec spec = new MeshInstallationSpec();
    spec.setProfile(profile);
    spec.setNamespace("warm-up");
    mesh.setSpec(spec);
    return mesh;
  }
}
