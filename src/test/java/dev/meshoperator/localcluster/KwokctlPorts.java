package dev.meshoperator.localcluster;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * kwokctl picks its components' ports by probing down from 32767 for one that is free, so two
 * clusters created at once (test JVMs side by side) would pick the same ones, and a cluster created
 * while another's API server is down would take that server's port. Whoever creates a cluster, or
 * frees a port it means to bind again, holds this machine-wide lock meanwhile.
 */
final class KwokctlPorts implements AutoCloseable {

  private static final Path LOCK =
      Path.of(System.getProperty("java.io.tmpdir"), "mesh-operator-kwokctl-ports.lock");

  /** A file lock is held per JVM: the threads of one JVM take turns here first. */
  private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();

  private final FileChannel channel;
  private final FileLock lock;

  private KwokctlPorts(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static KwokctlPorts hold() {
    IN_THIS_JVM.lock();
    try {
      FileChannel channel = FileChannel.open(LOCK, CREATE, WRITE);
      try {
        return new KwokctlPorts(channel, channel.lock());
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (IOException e) {
      IN_THIS_JVM.unlock();
      throw new LocalClusterException("cannot lock " + LOCK + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      IN_THIS_JVM.unlock();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new LocalClusterException("cannot unlock " + LOCK + ": " + e.getMessage(), e);
    } finally {
      IN_THIS_JVM.unlock();
    }
  }
}
