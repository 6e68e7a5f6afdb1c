package dev.meshoperator.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
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
              p ->
                  Stat.read(p)
                      .filter(stat -> !stat.isKernelThread(p))
                      .ifPresent(
                          stat ->
                              millis.merge(
                                  p.getFileName().toString().equals(Long.toString(operatorPid))
                                      ? "operator"
                                      : stat.comm(),
                                  stat.cpuMillis(),
                                  Long::sum)));
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
          t ->
              Stat.read(t)
                  .ifPresent(
                      stat ->
                          millis.merge(
                              stat.comm().replaceAll("[0-9]+", "N"), stat.cpuMillis(), Long::sum)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return millis;
  }

  /**
   * Waits until the machine has settled: the JVMs (the operator and this one) together under {@code
   * jvmMillis} of CPU, and the API server under {@code apiServerMillis}, in each of two one-second
   * windows in a row. A JVM keeps compiling what it ran for seconds afterwards, and the API server
   * keeps digesting CRDs it just established (the operator may create Istio's as it starts); an
   * install timed meanwhile is timed on less than the machine's two cores.
   */
  static void awaitIdle(long operatorPid, long jvmMillis, long apiServerMillis, long timeoutMillis)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    Map<String, Long> before = byName(operatorPid);
    int quietWindows = 0;
    while (quietWindows < 2) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the machine did not settle within " + timeoutMillis + " ms");
      }
      Thread.sleep(1_000);
      Map<String, Long> after = byName(operatorPid);
      Map<String, Long> used = between(before, after);
      long jvms = used.getOrDefault("java", 0L) + used.getOrDefault("operator", 0L);
      boolean quiet = jvms < jvmMillis && used.getOrDefault("kube-apiserver", 0L) < apiServerMillis;
      quietWindows = quiet ? quietWindows + 1 : 0;
      before = after;
    }
  }

  /** What each name used between two readings, by name, leaving out what used none. */
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

  /**
   * One process's or thread's {@code stat} line: "pid (comm) state ppid ...", where comm may hold
   * spaces, so the fields are split after its last ')'.
   */
  private record Stat(String comm, String parentPid, long cpuMillis) {

    /** Empty when the process or thread ended meanwhile. */
    static Optional<Stat> read(Path dir) {
      String line;
      try {
        line = Files.readString(dir.resolve("stat"));
      } catch (IOException ended) {
        return Optional.empty();
      }
      String comm = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return Optional.of(new Stat(comm, fields[1], ticks * MILLIS_PER_TICK));
    }

    /** kthreadd (pid 2) and its children: their names change with their work. */
    boolean isKernelThread(Path dir) {
      return parentPid.equals("2") || dir.getFileName().toString().equals("2");
    }
  }
}
