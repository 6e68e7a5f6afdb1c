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
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Plans and renders a made-up installation of each data-plane profile, on a thread of its own as
 * the operator starts, and serializes what it rendered and reads it back as the client and the
 * informers will: in a fresh JVM the first reconcile otherwise pays for loading the planners, the
 * renderers and the model's serializers. Once by default, which loads the classes; {@code
 * mesh.warmup.rounds} of a few dozen also takes that code past the JIT's thresholds, so it is
 * compiled before the first install rather than while it runs: about a tenth off the first install
 * on two cores, for about 6 MiB more resident memory (docs/benchmarks.md).
 */
@Singleton
public class RenderWarmup {

  private static final Logger LOG = Logger.getLogger(RenderWarmup.class);

  /** However many rounds are asked for, the warm-up stops after this long (a slow node). */
  static final Duration BUDGET = Duration.ofSeconds(4);

  private final IstioCatalog catalog;
  private final RelatedImages images;
  private final KubernetesSerialization serialization;
  private final Clock clock;
  private final int rounds;

  public RenderWarmup(
      IstioCatalog catalog,
      RelatedImages images,
      KubernetesSerialization serialization,
      Clock clock,
      @ConfigProperty(name = "mesh.warmup.rounds", defaultValue = "1") int rounds) {
    this.catalog = catalog;
    this.images = images;
    this.serialization = serialization;
    this.clock = clock;
    this.rounds = rounds;
  }

  void onStart(@Observes StartupEvent started) {
    Thread thread = new Thread(() -> warm(rounds, BUDGET), "render-warmup");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  /**
   * Renders both profiles {@code rounds} times or until {@code budget} is spent, and returns how
   * many objects were rendered; a failure here is only logged, never fatal.
   */
  int warm(int rounds, Duration budget) {
    long start = System.nanoTime();
    long deadline = start + budget.toNanos();
    int rendered = 0;
    try {
      InstallationPlanner planner = new InstallationPlanner(new PlanResolver(catalog, images));
      for (int round = 0; round < rounds && System.nanoTime() < deadline; round++) {
        for (Profile profile : List.of(Profile.DEFAULT, Profile.AMBIENT)) {
          MeshInstallation mesh = sample(profile);
          DesiredState desired =
              planner.plan(mesh, new EmptyCluster(mesh), clock.instant()).render();
          for (HasMetadata object : desired.objects()) {
            serialization.unmarshal(serialization.asJson(object), object.getClass());
            rendered++;
          }
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
