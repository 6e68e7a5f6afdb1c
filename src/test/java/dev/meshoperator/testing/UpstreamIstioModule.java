package dev.meshoperator.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The source of the istio.io/istio module the Istio tier pins (hack/control-plane), as the Go
 * command keeps it in its module cache: upstream's charts and templates to hold ours against. The
 * system property {@code mesh.upstream-istio} names another checkout instead (a release tag of the
 * istio/istio repository, say), to hold the operator against that release.
 */
public final class UpstreamIstioModule {

  private static final Path TOOLS_MODULE = Path.of("hack/control-plane/istio");
  private static final Pattern DIR = Pattern.compile("\"Dir\":\\s*\"([^\"]+)\"");
  private static final Pattern PINNED = Pattern.compile("(?m)^ISTIO_MODULE_VERSION=(\\S+)$");

  private UpstreamIstioModule() {}

  public static Path directory() throws IOException, InterruptedException {
    String checkout = System.getProperty("mesh.upstream-istio", "");
    if (!checkout.isBlank()) {
      return Path.of(checkout);
    }
    Matcher pinned = PINNED.matcher(Files.readString(Path.of("hack/control-plane/versions.env")));
    if (!pinned.find()) {
      throw new IllegalStateException("ISTIO_MODULE_VERSION missing in versions.env");
    }
    ProcessBuilder download =
        new ProcessBuilder("go", "mod", "download", "-json", "istio.io/istio@" + pinned.group(1))
            .directory(TOOLS_MODULE.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    download.environment().put("GOTOOLCHAIN", "local");
    download.environment().put("GOFLAGS", "-mod=readonly");
    Process process = download.start();
    String json = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException("go mod download istio.io/istio failed: " + json);
    }
    Matcher dir = DIR.matcher(json);
    if (!dir.find()) {
      throw new IllegalStateException("no module directory in: " + json);
    }
    return Path.of(dir.group(1));
  }
}
