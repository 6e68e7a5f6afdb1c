package dev.meshoperator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM as the image runs it, for the packaged operator outside a container: the flags of {@code
 * Dockerfile.jvm}'s entry point, its malloc setting, and the container's memory limit given to the
 * JVM as {@code -XX:MaxRAM} so that {@code MaxRAMPercentage} sizes the heap as in the pod.
 */
public final class ImageJvm {

  private static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");
  private static final Pattern ENTRYPOINT = Pattern.compile("(?m)^ENTRYPOINT \\[(.*)]$");
  private static final Pattern ARGUMENT = Pattern.compile("\"([^\"]*)\"");

  private ImageJvm() {}

  /** The entry point's JVM flags, with the memory limit the chart sets ({@code 384Mi}). */
  public static List<String> options(String memoryLimitMiB) {
    List<String> options = new ArrayList<>();
    Matcher entrypoint = ENTRYPOINT.matcher(dockerfile());
    if (!entrypoint.find()) {
      throw new IllegalStateException(DOCKERFILE + " has no ENTRYPOINT in exec form");
    }
    Matcher argument = ARGUMENT.matcher(entrypoint.group(1));
    while (argument.find()) {
      String value = argument.group(1);
      if (value.startsWith("-XX:") || value.startsWith("-Djava.util.logging")) {
        options.add(value);
      }
    }
    options.add("-XX:MaxRAM=" + memoryLimitMiB + "m");
    return options;
  }

  /** The environment the image sets for the JVM: glibc's malloc settings ({@code MALLOC_*}). */
  public static Map<String, String> environment() {
    Map<String, String> env = new java.util.TreeMap<>();
    Matcher setting = Pattern.compile("(?m)^ENV (.*)$").matcher(dockerfile());
    while (setting.find()) {
      for (String entry : setting.group(1).trim().split("\\s+")) {
        int eq = entry.indexOf('=');
        if (entry.startsWith("MALLOC_") && eq > 0) {
          env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
      }
    }
    return env;
  }

  private static String dockerfile() {
    try {
      return Files.readString(DOCKERFILE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
