package dev.meshoperator.localcluster;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Installs a CRD as a user would, and waits until the apiserver serves it. */
public final class CrdInstaller {

  /** The operator's own CRD, as committed and shipped on the classpath. */
  public static final String MESH_INSTALLATION_CRD =
      "/crds/meshinstallations.mesh.operator.dev-v1.yml";

  private static final long ESTABLISHED_SECONDS = 60;

  private CrdInstaller() {}

  public static void install(KubernetesClient client, Path yaml) {
    try (InputStream in = Files.newInputStream(yaml)) {
      install(client, in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + yaml, e);
    }
  }

  public static void installMeshInstallationCrd(KubernetesClient client) {
    try (InputStream in = CrdInstaller.class.getResourceAsStream(MESH_INSTALLATION_CRD)) {
      if (in == null) {
        throw new IllegalStateException(MESH_INSTALLATION_CRD + " is missing from the classpath");
      }
      install(client, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void install(KubernetesClient client, InputStream yaml) {
    install(client, client.apiextensions().v1().customResourceDefinitions().load(yaml).item());
  }

  public static void install(KubernetesClient client, CustomResourceDefinition crd) {
    client.resource(crd).forceConflicts().serverSideApply();
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(crd.getMetadata().getName())
        .waitUntilCondition(CrdInstaller::isEstablished, ESTABLISHED_SECONDS, TimeUnit.SECONDS);
  }

  private static boolean isEstablished(CustomResourceDefinition crd) {
    // A CRD just created has a status whose conditions are not filled in yet.
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
