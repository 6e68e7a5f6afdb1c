package dev.meshoperator.bench;

import dev.meshoperator.testing.AuditLog;
import dev.meshoperator.testing.PackagedOperator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A benchmark's Markdown report: the machine it ran on, its figures, the operator's memory. */
final class BenchReport {

  private final StringBuilder text = new StringBuilder();

  void line(String format, Object... args) {
    text.append(String.format(format, args)).append('\n');
  }

  /** Adds {@code section}'s text after this report's. */
  void append(BenchReport section) {
    text.append(section.text);
  }

  void machine() {
    line(
        "- machine: %d cores, %d GiB, %s; local control plane (kwok), 3 fake nodes",
        Runtime.getRuntime().availableProcessors(), totalMemoryGib(), cpuModel());
  }

  void requests(String what, Map<String, Integer> requests) {
    line(
        "- %s: %d API requests (%d writes)",
        what, AuditLog.total(requests), AuditLog.writes(requests));
    requests.forEach((k, v) -> line("  - %s: %d", k, v));
  }

  /**
   * The operator's resident memory as it is (what a container's limit meets), then its heap after a
   * full collection (what the objects it holds take).
   */
  void memory(PackagedOperator operator) throws Exception {
    String status = Files.readString(Path.of("/proc/" + operator.pid() + "/status"));
    String rss =
        field(status, "VmRSS")
            + " = anonymous "
            + field(status, "RssAnon")
            + " + files "
            + field(status, "RssFile");
    String peak = field(status, "VmHWM");
    run("jcmd", Long.toString(operator.pid()), "GC.run");
    String heap = run("jcmd", Long.toString(operator.pid()), "GC.heap_info");
    java.util.Map<String, Long> threadsByName;
    try (var tasks = Files.list(Path.of("/proc/" + operator.pid() + "/task"))) {
      threadsByName =
          tasks
              .map(task -> comm(task))
              .collect(
                  java.util.stream.Collectors.groupingBy(
                      name -> name.replaceAll("[-_ ]?\\d+$", ""),
                      java.util.TreeMap::new,
                      java.util.stream.Collectors.counting()));
    }
    long threads = threadsByName.values().stream().mapToLong(Long::longValue).sum();
    line(
        "- operator memory: RSS %s (peak %s), %d threads; after a full GC: %s",
        rss,
        peak,
        threads,
        heap.lines()
            .filter(l -> l.contains("used"))
            .findFirst()
            .map(String::strip)
            .orElse("heap unknown"));
    line("- threads by name: %s", threadsByName);
  }

  private static String comm(Path task) {
    try {
      return Files.readString(task.resolve("comm")).strip();
    } catch (IOException e) {
      return "?";
    }
  }

  /**
   * The JVM's own account of its native memory by area (heap, metaspace, code, threads, GC), when
   * it runs with {@code -XX:NativeMemoryTracking=summary}: where the resident memory goes.
   */
  void nativeMemory(PackagedOperator operator) throws Exception {
    String summary = run("jcmd", Long.toString(operator.pid()), "VM.native_memory", "summary");
    line("- native memory (committed, KB):");
    summary
        .lines()
        .filter(l -> l.startsWith("-") || l.startsWith("Total"))
        .map(String::strip)
        .forEach(l -> line("  - %s", l));
  }

  /** Resident memory in KiB, as /proc reports it. */
  static long rssKib(PackagedOperator operator) throws IOException {
    String status = Files.readString(Path.of("/proc/" + operator.pid() + "/status"));
    return Long.parseLong(field(status, "VmRSS").split(" ")[0]);
  }

  void writeTo(Path file) throws IOException {
    Files.writeString(file, text);
    System.out.println(text);
    System.out.println("report written to " + file);
  }

  private static String field(String procFile, String name) {
    return procFile
        .lines()
        .filter(l -> l.startsWith(name + ":") || l.startsWith(name + "\t"))
        .map(l -> l.substring(l.indexOf(':') + 1).strip())
        .findFirst()
        .orElse("?");
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    process.waitFor();
    return output;
  }

  private static String cpuModel() {
    try {
      return field(Files.readString(Path.of("/proc/cpuinfo")), "model name");
    } catch (IOException e) {
      return "cpu unknown";
    }
  }

  private static long totalMemoryGib() {
    try {
      return Long.parseLong(
              field(Files.readString(Path.of("/proc/meminfo")), "MemTotal").split(" ")[0])
          / (1024 * 1024);
    } catch (IOException e) {
      return -1;
    }
  }
}
