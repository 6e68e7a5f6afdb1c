package dev.meshoperator.testing.istio;

import static org.awaitility.Awaitility.await;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import dev.meshoperator.status.Conditions;
import dev.meshoperator.testing.MeshAssert;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One MeshInstallation on the {@link IstioCluster}, installed by the packaged operator, and the
 * istiod processes a test starts for its revisions. Closing it stops them and deletes the
 * installation, so the next test class can install its own.
 */
public final class InstalledMesh implements AutoCloseable {

  private final IstioCluster istio;
  private final KubernetesClient admin;
  private final String name;
  private final List<IstiodProcess> istiods = new ArrayList<>();

  private InstalledMesh(IstioCluster istio, KubernetesClient admin, String name) {
    this.istio = istio;
    this.admin = admin;
    this.name = name;
  }

  /** Creates {@code mesh} and waits until the operator reports it Reconciled. */
  public static InstalledMesh install(IstioCluster istio, MeshInstallation mesh) {
    KubernetesClient admin = istio.newClient();
    admin.resource(mesh).create();
    InstalledMesh installed = new InstalledMesh(istio, admin, mesh.getMetadata().getName());
    installed.awaitCondition(Conditions.RECONCILED);
    return installed;
  }

  /** Waits until the installation's {@code type} condition is True for its current generation. */
  public void awaitCondition(String type) {
    MeshAssert.of(admin, name).within(Duration.ofSeconds(120)).awaitCondition(type, "True");
  }

  public MeshInstallation get() {
    return admin.resources(MeshInstallation.class).withName(name).get();
  }

  public String name() {
    return name;
  }

  /** Starts istiod as the operator's Deployment {@code namespace/deployment} describes it. */
  public IstiodProcess startIstiod(String namespace, String deployment) {
    Deployment rendered =
        await("Deployment " + namespace + "/" + deployment)
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> admin.apps().deployments().inNamespace(namespace).withName(deployment).get(),
                d -> d != null);
    try {
      IstiodProcess istiod =
          IstiodProcess.start(
              istio.pilotDiscovery(),
              admin,
              istio.cluster().clientConfig(),
              rendered,
              istio.network(),
              istio.workDir(name + "-" + deployment));
      istiods.add(istiod);
      return istiod;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    istiods.forEach(IstiodProcess::close);
    // Foreground: gone only once the garbage collector has removed what it owned, so the next
    // installation in the same namespace never meets this one's webhooks or ConfigMaps.
    admin
        .resources(MeshInstallation.class)
        .withName(name)
        .withPropagationPolicy(DeletionPropagation.FOREGROUND)
        .delete();
    await(name + " deleted")
        .atMost(Duration.ofSeconds(120))
        .until(() -> admin.resources(MeshInstallation.class).withName(name).get() == null);
    admin.close();
  }
}
