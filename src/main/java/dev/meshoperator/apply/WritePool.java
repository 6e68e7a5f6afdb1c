package dev.meshoperator.apply;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The threads that send independent writes side by side: an install is dozens of server-side
 * applies, and sent one after another their round trips add up to most of its time. One pool for
 * all installations bounds what the operator asks of the API server at once; its threads end when
 * idle, so a quiet operator holds none. A parallelism of 1 writes one object at a time.
 */
@Singleton
public class WritePool {

  private final ThreadPoolExecutor executor;

  public WritePool(
      @ConfigProperty(name = "mesh.apply.parallelism", defaultValue = "8") int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("mesh.apply.parallelism must be at least 1");
    }
    AtomicInteger threads = new AtomicInteger();
    executor =
        new ThreadPoolExecutor(
            parallelism,
            parallelism,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "mesh-write-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    executor.allowCoreThreadTimeOut(true);
  }

  /** A pool of one thread, for code outside a container (unit tests, tools). */
  public static WritePool sequential() {
    return new WritePool(1);
  }

  public int parallelism() {
    return executor.getMaximumPoolSize();
  }

  /**
   * Runs every write and waits for all of them, so no write of this batch is still in flight when
   * the next batch starts; then rethrows the first failure, if any, as it was thrown.
   */
  public void runAll(List<Runnable> writes) {
    if (writes.size() == 1 || parallelism() == 1) {
      writes.forEach(Runnable::run);
      return;
    }
    List<CompletableFuture<Void>> running = new ArrayList<>(writes.size());
    for (Runnable write : writes) {
      running.add(CompletableFuture.runAsync(write, executor));
    }
    RuntimeException first = null;
    for (CompletableFuture<Void> write : running) {
      try {
        write.join();
      } catch (CompletionException e) {
        if (first == null) {
          first = e.getCause() instanceof RuntimeException r ? r : e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @PreDestroy
  void shutdown() {
    executor.shutdownNow();
  }
}
