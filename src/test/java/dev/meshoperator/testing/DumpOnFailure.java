package dev.meshoperator.testing;

import dev.meshoperator.api.v1alpha1.MeshInstallation;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** When a test fails, prints every MeshInstallation and recent Warning events, to see why. */
public class DumpOnFailure implements TestWatcher {

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    try (KubernetesClient client = SharedLocalCluster.get().newClient()) {
      System.err.println("==== " + context.getDisplayName() + " failed; cluster state:");
      for (MeshInstallation mesh : client.resources(MeshInstallation.class).list().getItems()) {
        mesh.getMetadata().setManagedFields(null);
        System.err.println(Serialization.asYaml(mesh));
      }
      for (Event event : client.v1().events().inAnyNamespace().list().getItems()) {
        if ("Warning".equals(event.getType())) {
          System.err.printf(
              "event %s/%s %s: %s%n",
              event.getInvolvedObject().getKind(),
              event.getInvolvedObject().getName(),
              event.getReason(),
              event.getMessage());
        }
      }
    } catch (RuntimeException e) {
      System.err.println("could not dump cluster state: " + e);
    }
  }
}
