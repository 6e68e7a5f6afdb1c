package dev.meshoperator.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class a client for the shared local cluster and a fresh namespace of its own, which
 * is deleted (and so garbage-collected by the real namespace controller) after the class.
 */
public class LocalClusterExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(LocalClusterExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    KubernetesClient client = SharedLocalCluster.get().newClient();
    String namespace = "it-" + UUID.randomUUID().toString().substring(0, 8);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    context.getStore(STORE).put(KubernetesClient.class, client);
    context.getStore(STORE).put(TestNamespace.class, new TestNamespace(namespace));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    KubernetesClient client =
        context.getStore(STORE).get(KubernetesClient.class, KubernetesClient.class);
    TestNamespace namespace = context.getStore(STORE).get(TestNamespace.class, TestNamespace.class);
    client.namespaces().withName(namespace.name()).delete();
    client.close();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KubernetesClient.class || type == TestNamespace.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return context.getStore(STORE).get(type, type);
  }
}
