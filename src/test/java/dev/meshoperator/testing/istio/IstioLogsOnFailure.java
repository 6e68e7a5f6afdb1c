package dev.meshoperator.testing.istio;

import dev.meshoperator.testing.TestFork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * When an Istio-tier test fails, prints the end of every log the tier keeps (each istiod, the
 * packaged operator, the service network), so a CI run shows why without its target directory.
 */
public class IstioLogsOnFailure implements TestWatcher {

  private static final int TAIL = 40;

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    Path logs = Path.of("target", TestFork.name("istio-cluster"));
    if (!Files.isDirectory(logs)) {
      return;
    }
    try (Stream<Path> files = Files.walk(logs, 2)) {
      for (Path log : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        System.err.printf(
            "==== %s failed; last %d lines of %s:%n", context.getDisplayName(), TAIL, log);
        lines.subList(Math.max(0, lines.size() - TAIL), lines.size()).forEach(System.err::println);
      }
    } catch (IOException e) {
      System.err.println("could not print the Istio tier's logs: " + e);
    }
  }
}
