package dev.meshoperator.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time used by every process on the machine, summed by command name, with the operator's own
 * JVM under its own name (kernel threads left out): on two shared cores, where an install's time
 * goes is mostly which process had the CPU. Read from /proc (user plus system time, in clock ticks
 * of 10 ms).
 */
final class ProcessCpu {

  private static final long MILLIS_PER_TICK = 10;

  private ProcessCpu() {}

  /** CPU milliseconds by command name so far; the process {@code operatorPid} as "operator". */
  static Map<String, Long> byName(long operatorPid) {
    Map<String, Long> millis = new TreeMap<>();
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      processes
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .forEach(
              p -> {
                String stat = read(p.resolve("stat"));
                if (stat == null) {
                  return; // ended meanwhile
                }
                // "pid (comm) state ppid ...": comm may hold spaces, so split after its ')'.
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                if (fields[1].equals("2") || p.getFileName().toString().equals("2")) {
                  return; // a kernel thread: its name changes with its work
                }
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                String name =
                    p.getFileName().toString().equals(Long.toString(operatorPid))
                        ? "operator"
                        : comm;
                millis.merge(name, ticks * MILLIS_PER_TICK, Long::sum);
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return millis;
  }

  /**
   * CPU milliseconds by thread name (digits folded, so a pool's threads add up) of one process:
   * which of the operator's own threads (compiler, collector, event loop, reconciler) worked.
   */
  static Map<String, Long> byThread(long pid) {
    Map<String, Long> millis = new TreeMap<>();
    try (Stream<Path> threads = Files.list(Path.of("/proc/" + pid + "/task"))) {
      threads.forEach(
          t -> {
            String stat = read(t.resolve("stat"));
            if (stat == null) {
              return;
            }
            String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            millis.merge(comm.replaceAll("[0-9]+", "N"), ticks * MILLIS_PER_TICK, Long::sum);
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return millis;
  }

  /** What each name used between two readings, largest first, leaving out what used none. */
  static Map<String, Long> between(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> used = new TreeMap<>();
    after.forEach(
        (name, millis) -> {
          long delta = millis - before.getOrDefault(name, 0L);
          if (delta > 0) {
            used.put(name, delta);
          }
        });
    return used;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return null;
    }
  }
}
