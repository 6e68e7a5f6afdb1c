package dev.meshoperator.apply;

import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts reconciles and the writes they issue, so that "an unchanged installation costs no writes"
 * can be checked from outside (tests, the scale benchmark) and seen in logs.
 */
@Singleton
public class ReconcileStats {

  private final AtomicLong reconciles = new AtomicLong();
  private final AtomicLong objectWrites = new AtomicLong();
  private final AtomicLong statusWrites = new AtomicLong();

  public void recordReconcile(int objectsWritten, boolean statusWritten) {
    reconciles.incrementAndGet();
    objectWrites.addAndGet(objectsWritten);
    if (statusWritten) {
      statusWrites.incrementAndGet();
    }
  }

  public long reconciles() {
    return reconciles.get();
  }

  /** Objects created, patched or deleted (apply and prune), status excluded. */
  public long objectWrites() {
    return objectWrites.get();
  }

  public long statusWrites() {
    return statusWrites.get();
  }
}
