package dev.meshoperator.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WritePoolTest {

  @Test
  void writesOfABatchRunSideBySideUpToTheParallelism() {
    WritePool pool = new WritePool(4);
    CountDownLatch allStarted = new CountDownLatch(4);
    AtomicInteger finished = new AtomicInteger();
    List<Runnable> writes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      writes.add(
          () -> {
            allStarted.countDown();
            try {
              // Only returns if all four are in flight at once.
              assertThat(allStarted.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            finished.incrementAndGet();
          });
    }
    pool.runAll(writes);
    assertThat(finished).hasValue(4);
    pool.shutdown();
  }

  @Test
  void aFailureIsRethrownOnlyOnceEveryWriteOfTheBatchHasEnded() {
    WritePool pool = new WritePool(3);
    AtomicInteger finished = new AtomicInteger();
    IllegalStateException refused = new IllegalStateException("refused by admission");
    List<Runnable> writes =
        List.of(
            () -> {
              throw refused;
            },
            () -> {
              sleep(300);
              finished.incrementAndGet();
            },
            finished::incrementAndGet);
    assertThatThrownBy(() -> pool.runAll(writes)).isSameAs(refused);
    assertThat(finished).as("writes still in flight when the failure came").hasValue(2);
    pool.shutdown();
  }

  @Test
  void aParallelismOfOneWritesInOrderOnTheCallersThread() {
    WritePool pool = WritePool.sequential();
    List<String> order = new ArrayList<>();
    Thread caller = Thread.currentThread();
    pool.runAll(
        List.of(
            () -> order.add("first " + (Thread.currentThread() == caller)),
            () -> order.add("second " + (Thread.currentThread() == caller))));
    assertThat(order).containsExactly("first true", "second true");
    assertThatThrownBy(() -> new WritePool(0)).hasMessageContaining("at least 1");
    pool.shutdown();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
