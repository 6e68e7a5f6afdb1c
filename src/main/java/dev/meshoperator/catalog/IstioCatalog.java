package dev.meshoperator.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The Istio releases this operator can install, read once from {@code catalog/istio.yaml}. */
public final class IstioCatalog {

  private static final String RESOURCE = "/catalog/istio.yaml";

  private final String hub;
  private final List<IstioRelease> releases;
  private final List<BehaviourChange> behaviourChanges;

  private IstioCatalog(String hub, List<IstioRelease> releases, List<BehaviourChange> changes) {
    this.hub = hub;
    this.releases = releases;
    this.behaviourChanges = changes;
  }

  public static IstioCatalog load() {
    try (InputStream in = IstioCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      ObjectMapper yaml =
          new ObjectMapper(new YAMLFactory())
              .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
      return from(yaml.readValue(in, CatalogFile.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private static IstioCatalog from(CatalogFile file) {
    List<IstioRelease> releases =
        file.minorLines().stream()
            .flatMap(
                line ->
                    line.patches().stream()
                        .map(
                            patch ->
                                new IstioRelease(
                                    patch,
                                    MinorVersion.of(line.minor()),
                                    MinorVersion.of(line.kubernetes().min()),
                                    MinorVersion.of(line.kubernetes().max()),
                                    MinorVersion.of(line.oldestCompatibilityVersion()))))
            .sorted(Comparator.comparing(IstioCatalog::patchOrder).reversed())
            .toList();
    return new IstioCatalog(file.hub(), releases, file.behaviourChanges());
  }

  /** Default image registry of the catalog's releases. */
  public String hub() {
    return hub;
  }

  /** Every release, newest first. */
  public List<IstioRelease> releases() {
    return releases;
  }

  /** Resolves a release number or an alias ({@code latest}, {@code 1.N-latest}). */
  public Optional<IstioRelease> resolve(String requested) {
    if ("latest".equals(requested)) {
      return releases.stream().findFirst();
    }
    if (requested.endsWith("-latest")) {
      MinorVersion line;
      try {
        line = MinorVersion.of(requested);
      } catch (IllegalArgumentException notAVersion) {
        return Optional.empty();
      }
      return releases.stream().filter(r -> r.line().equals(line)).findFirst();
    }
    return releases.stream().filter(r -> r.version().equals(requested)).findFirst();
  }

  /**
   * The flags that make {@code release} behave like {@code compatibilityVersion}: every default
   * changed after that line, up to the release's own line. Empty for the release's own line.
   */
  public CompatibilityFlags compatibilityFlags(
      IstioRelease release, MinorVersion compatibilityVersion) {
    Map<String, String> pilotEnv = new TreeMap<>();
    Map<String, String> cni = new TreeMap<>();
    Map<String, String> ambient = new TreeMap<>();
    for (BehaviourChange change : behaviourChanges) {
      MinorVersion since = MinorVersion.of(change.since());
      if (since.isAfter(compatibilityVersion) && !since.isAfter(release.line())) {
        pilotEnv.putAll(orEmpty(change.pilotEnv()));
        cni.putAll(orEmpty(change.cni()));
        ambient.putAll(orEmpty(change.ambient()));
      }
    }
    // Sorted and unmodifiable: the flags end up in rendered objects, which must render identically.
    return new CompatibilityFlags(
        Collections.unmodifiableMap(pilotEnv),
        Collections.unmodifiableMap(cni),
        Collections.unmodifiableMap(ambient));
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }

  private static long patchOrder(IstioRelease release) {
    String[] parts = release.version().split("[.-]");
    return Long.parseLong(parts[0]) * 1_000_000
        + Long.parseLong(parts[1]) * 1_000
        + Long.parseLong(parts[2]);
  }

  record CatalogFile(
      String hub, List<MinorLine> minorLines, List<BehaviourChange> behaviourChanges) {}

  record MinorLine(
      String minor, Range kubernetes, String oldestCompatibilityVersion, List<String> patches) {}

  record Range(String min, String max) {}

  record BehaviourChange(
      String since,
      Map<String, String> pilotEnv,
      Map<String, String> cni,
      Map<String, String> ambient) {}
}
