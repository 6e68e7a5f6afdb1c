package dev.meshoperator.localcluster;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;

/**
 * kwokctl picks its components' ports by probing down from 32767 for one that is free, so two
 * clusters created at once (test JVMs side by side) would pick the same ones, and a cluster created
 * while another's API server is down would take that server's port. Whoever creates a cluster, or
 * frees a port it means to bind again, holds this lock meanwhile: one per user and machine, beside
 * the build caches ({@link OneBuildAtATime}).
 */
public final class KwokctlPorts implements AutoCloseable {

  private static final Path LOCK = OneBuildAtATime.LOCKS.resolve("kwokctl-ports.lock");

  /**
   * A file lock is held per JVM: the threads of one JVM take turns here first. A semaphore, not a
   * lock, as an outage may end on another thread than the one that began it.
   */
  private static final Semaphore IN_THIS_JVM = new Semaphore(1);

  private final FileChannel channel;
  private boolean released;

  private KwokctlPorts(FileChannel channel) {
    this.channel = channel;
  }

  /** Waits until no other cluster of this machine is taking or giving back ports. */
  public static KwokctlPorts hold() {
    IN_THIS_JVM.acquireUninterruptibly();
    FileChannel channel = null;
    try {
      Files.createDirectories(LOCK.getParent());
      channel = FileChannel.open(LOCK, CREATE, WRITE);
      channel.lock();
      return new KwokctlPorts(channel);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      IN_THIS_JVM.release();
      throw new LocalClusterException("cannot lock " + LOCK + ": " + e.getMessage(), e);
    }
  }

  /**
   * Closing the channel gives the file lock back; the JVM's turn is given back whatever happens.
   */
  @Override
  public synchronized void close() {
    if (released) {
      return;
    }
    released = true;
    try {
      channel.close();
    } catch (IOException e) {
      throw new LocalClusterException("cannot unlock " + LOCK + ": " + e.getMessage(), e);
    } finally {
      IN_THIS_JVM.release();
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // Closing is all that was left to do; the lock was never taken.
    }
  }
}
