package dev.meshoperator.reconcile;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per installation, shared by the two controllers that write for it: the operator SDK runs
 * one reconcile per resource at a time within a controller, not across controllers, and an
 * enrollment written while the {@link EnrollmentReleaser} gives the namespaces back would be left
 * behind.
 */
@Singleton
public class InstallationLocks {

  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  public <T> T holding(String installation, Supplier<T> work) {
    ReentrantLock lock = locks.computeIfAbsent(installation, name -> new ReentrantLock());
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  /** An installation that is gone needs no lock. */
  public void forget(String installation) {
    locks.remove(installation);
  }
}
