package dev.meshoperator.testing;

import dev.meshoperator.localcluster.OneBuildAtATime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command-line tools hack/tools/build.sh builds from pinned Go modules (helm, argocd-health),
 * run as processes. A missing Go toolchain fails the test with the script's message.
 */
public final class ProjectTools {

  private static Path bin;

  private ProjectTools() {}

  /** What a tool printed (stdout and stderr together) and its exit code. */
  public record Result(int exitCode, String output) {}

  public static Result run(Map<String, String> env, String tool, String... args) {
    List<String> command = new ArrayList<>(List.of(bin().resolve(tool).toString()));
    command.addAll(List.of(args));
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(env);
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(process.waitFor(), output);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code tool} and fails with its output unless it exits 0. */
  public static String check(Map<String, String> env, String tool, String... args) {
    Result result = run(env, tool, args);
    if (result.exitCode() != 0) {
      throw new AssertionError(
          tool
              + " "
              + String.join(" ", args)
              + " exited "
              + result.exitCode()
              + ":\n"
              + result.output());
    }
    return result.output();
  }

  private static synchronized Path bin() {
    if (bin == null) {
      try {
        Process build =
            new ProcessBuilder(OneBuildAtATime.command("hack/tools/build.sh"))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (build.waitFor() != 0) {
          throw new IllegalStateException("hack/tools/build.sh failed (its output is above)");
        }
        bin = Path.of(out.strip().lines().reduce((a, b) -> b).orElseThrow());
      } catch (IOException e) {
        throw new IllegalStateException("cannot run hack/tools/build.sh", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return bin;
  }
}
