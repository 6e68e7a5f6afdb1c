package dev.meshoperator.testing.istio;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An Istio-tier test class's mesh, set up once for the class: the installation the packaged
 * operator installs on the {@link IstioCluster}, and Istio's own istiod for one of its revisions.
 * Registered with {@code @RegisterExtension}; the class's installation is deleted after it.
 */
public final class IstioMesh extends IstioLogsOnFailure
    implements BeforeAllCallback, AfterAllCallback {

  private final Supplier<MeshInstallation> installation;
  private final String istiodDeployment;
  private Consumer<KubernetesClient> before = client -> {};
  private KubernetesClient client;
  private InstalledMesh mesh;
  private IstiodProcess istiod;

  private IstioMesh(Supplier<MeshInstallation> installation, String istiodDeployment) {
    this.installation = installation;
    this.istiodDeployment = istiodDeployment;
  }

  /** The installation, with istiod of its default revision ({@code istiod}). */
  public static IstioMesh installing(Supplier<MeshInstallation> installation) {
    return new IstioMesh(installation, "istiod");
  }

  /** The installation, with the istiod of the revision whose Deployment is named so. */
  public static IstioMesh installing(
      Supplier<MeshInstallation> installation, String istiodDeployment) {
    return new IstioMesh(installation, istiodDeployment);
  }

  /** Something the user has in the cluster before the installation (namespaces, say). */
  public IstioMesh after(Consumer<KubernetesClient> setUp) {
    this.before = setUp;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    IstioCluster istio = IstioCluster.get();
    client = istio.newClient();
    before.accept(client);
    mesh = InstalledMesh.install(istio, installation.get());
    istiod = mesh.startIstiod(MeshWorkloads.CONTROL_PLANE, istiodDeployment);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (mesh != null) {
      mesh.close();
    }
    if (client != null) {
      client.close();
    }
  }

  public KubernetesClient client() {
    return client;
  }

  public InstalledMesh mesh() {
    return mesh;
  }

  public IstiodProcess istiod() {
    return istiod;
  }
}
