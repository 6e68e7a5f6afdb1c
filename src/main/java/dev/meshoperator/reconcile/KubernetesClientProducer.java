package dev.meshoperator.reconcile;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Kubernetes client, as Quarkus builds it, with a task executor of its own. The client runs its
 * callbacks (responses, informer events) on that executor; its default grows a thread for each
 * callback waiting and keeps idle ones a minute, so a burst of a thousand namespace events left
 * about forty threads behind for the next memory reading. Idle threads here end after five seconds;
 * the pool stays unbounded, as the client needs (a callback may wait for another).
 */
public class KubernetesClientProducer {

  private static final long IDLE_SECONDS = 5;

  @Produces
  @Singleton
  KubernetesClient kubernetesClient(KubernetesSerialization serialization, Config config) {
    return new KubernetesClientBuilder()
        .withKubernetesSerialization(serialization)
        .withConfig(config)
        .withTaskExecutorSupplier(KubernetesClientProducer::executor)
        .build();
  }

  void close(@Disposes KubernetesClient client) {
    client.close();
  }

  private static ExecutorService executor() {
    AtomicInteger threads = new AtomicInteger();
    return new ThreadPoolExecutor(
        0,
        Integer.MAX_VALUE,
        IDLE_SECONDS,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        task -> {
          Thread thread = new Thread(task, "kube-client-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }
}
