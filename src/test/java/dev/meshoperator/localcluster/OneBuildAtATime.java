package dev.meshoperator.localcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The build scripts under hack/ cache what they build per machine, and test JVMs run side by side
 * (docs/testing.md): two of them asking for the same build on a fresh machine would build into the
 * same directory at once. Each script therefore runs under {@code flock} on a lock of its own, per
 * machine like the caches: the second caller waits, then finds the build done.
 */
public final class OneBuildAtATime {

  /** Per user and machine, like the build caches; {@link KwokctlPorts} keeps its lock here too. */
  static final Path LOCKS =
      Path.of(System.getProperty("user.home"), ".cache", "mesh-operator", "locks");

  private OneBuildAtATime() {}

  /** {@code command} (a script under hack/ and its arguments) run under the script's lock. */
  public static List<String> command(String... command) {
    try {
      Files.createDirectories(LOCKS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + LOCKS, e);
    }
    String script = Path.of(command[0]).normalize().toString();
    int hack = script.lastIndexOf("hack/");
    String lock = (hack < 0 ? script : script.substring(hack)).replace('/', '-') + ".lock";
    // -o: the lock is not passed on to what the script leaves running (podman's pause process).
    List<String> locked = new ArrayList<>(List.of("flock", "-o", LOCKS.resolve(lock).toString()));
    locked.addAll(List.of(command));
    return locked;
  }
}
