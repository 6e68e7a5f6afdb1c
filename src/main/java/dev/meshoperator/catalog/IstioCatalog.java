package dev.meshoperator.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshoperator.istioapi.PublishedApis;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The Istio releases this operator can install, read once from {@code catalog/istio.yaml}. */
public final class IstioCatalog {

  private static final String RESOURCE = "/catalog/istio.yaml";

  /** Where the built-in releases come from, as status.versionCatalog says it. */
  public static final String BUILT_IN = "built-in";

  private final String hub;
  private final List<IstioRelease> releases;
  private final List<BehaviourChange> behaviourChanges;
  private final CatalogFile file;
  private final Map<String, String> sourceOf;
  private final PublishedApis apis;

  private IstioCatalog(
      CatalogFile file,
      List<IstioRelease> releases,
      Map<String, String> sourceOf,
      PublishedApis apis) {
    this.hub = file.hub();
    this.releases = releases;
    this.behaviourChanges = file.behaviourChanges();
    this.file = file;
    this.sourceOf = sourceOf;
    this.apis = apis;
  }

  public static IstioCatalog load() {
    try (InputStream in = IstioCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      CatalogFile file = YAML.readValue(in, CatalogFile.class);
      Map<String, String> sources = new TreeMap<>();
      file.minorLines().forEach(line -> line.patches().forEach(p -> sources.put(p, BUILT_IN)));
      return from(file, sources, new PublishedApis());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
  private static final Pattern PATCH =
      Pattern.compile(
          "^([0-9]{1,3})\\.([0-9]{1,3})\\.[0-9]{1,4}(-[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*)?$");

  /**
   * This catalog plus the releases of {@code additions} (the built-in format's {@code minorLines}:
   * patches of a known line, or whole new lines with their Kubernetes range), marked as coming from
   * {@code source}. A bad addition is refused whole, with a message that names it.
   */
  public IstioCatalog withAdditions(String additions, String source) {
    AdditionsFile added;
    try {
      added = YAML.readValue(additions, AdditionsFile.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": not a catalog: " + e.getOriginalMessage(), e);
    }
    if (added == null || added.minorLines() == null || added.minorLines().isEmpty()) {
      throw new IllegalArgumentException(source + ": minorLines is empty");
    }
    Map<String, MinorLine> lines = new LinkedHashMap<>();
    file.minorLines().forEach(line -> lines.put(line.minor(), line));
    Map<String, String> sources = new TreeMap<>(sourceOf);
    for (MinorLine line : added.minorLines()) {
      MinorLine known = lines.get(line.minor());
      if (known == null
          && (line.kubernetes() == null || line.oldestCompatibilityVersion() == null)) {
        throw new IllegalArgumentException(
            source
                + ": the new line "
                + line.minor()
                + " needs kubernetes {min, max} and oldestCompatibilityVersion");
      }
      List<String> patches = new ArrayList<>(known == null ? List.of() : known.patches());
      for (String patch : line.patches() == null ? List.<String>of() : line.patches()) {
        var m = PATCH.matcher(patch);
        if (!m.matches() || !(m.group(1) + "." + m.group(2)).equals(line.minor())) {
          throw new IllegalArgumentException(
              source + ": " + patch + " is not a release of the " + line.minor() + " line");
        }
        if (!patches.contains(patch)) {
          patches.add(patch);
          sources.put(patch, source);
        }
      }
      lines.put(
          line.minor(),
          known == null
              ? new MinorLine(
                  line.minor(),
                  line.kubernetes(),
                  line.oldestCompatibilityVersion(),
                  line.endOfLife(),
                  patches)
              : new MinorLine(
                  known.minor(),
                  known.kubernetes(),
                  known.oldestCompatibilityVersion(),
                  line.endOfLife() != null ? line.endOfLife() : known.endOfLife(),
                  patches));
    }
    try {
      return from(
          new CatalogFile(
              file.hub(),
              file.istioApi(),
              file.injectionTemplates(),
              List.copyOf(lines.values()),
              file.behaviourChanges()),
          sources,
          apis);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  /** Which catalog {@code version} comes from: {@link #BUILT_IN} or a runtime catalog's name. */
  public String sourceOf(String version) {
    return sourceOf.getOrDefault(version, BUILT_IN);
  }

  private static IstioCatalog from(
      CatalogFile file, Map<String, String> sources, PublishedApis apis) {
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
                                    MinorVersion.of(line.oldestCompatibilityVersion()),
                                    endOfLife(line),
                                    apis.of(
                                        istioApiOf(file.istioApi(), MinorVersion.of(line.minor()))),
                                    templatesOf(
                                        file.injectionTemplates(), MinorVersion.of(line.minor())))))
            .sorted(Comparator.comparing(IstioRelease::version, IstioRelease::compare).reversed())
            .toList();
    return new IstioCatalog(file, releases, Map.copyOf(sources), apis);
  }

  private static Optional<LocalDate> endOfLife(MinorLine line) {
    if (line.endOfLife() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(line.endOfLife()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "line "
              + line.minor()
              + ": endOfLife "
              + line.endOfLife()
              + " is not a date (YYYY-MM-DD)",
          e);
    }
  }

  /** The istio.io/api releases the operator packages, one per line (istioApi), oldest first. */
  public List<String> packagedApiReleases() {
    return file.istioApi().values().stream().sorted(IstioRelease::compare).toList();
  }

  /** Default image registry of the catalog's releases. */
  public String hub() {
    return hub;
  }

  /** Every release, newest first. */
  public List<IstioRelease> releases() {
    return releases;
  }

  /**
   * Resolves a release number or an alias ({@code latest}, {@code 1.N-latest}). An alias names the
   * newest release, a pre-release only where its line has nothing else.
   */
  public Optional<IstioRelease> resolve(String requested) {
    if ("latest".equals(requested)) {
      return newest(releases);
    }
    if (requested.endsWith("-latest")) {
      MinorVersion line;
      try {
        line = MinorVersion.of(requested);
      } catch (IllegalArgumentException notAVersion) {
        return Optional.empty();
      }
      return newest(releases.stream().filter(r -> r.line().equals(line)).toList());
    }
    return releases.stream().filter(r -> r.version().equals(requested)).findFirst();
  }

  private static Optional<IstioRelease> newest(List<IstioRelease> newestFirst) {
    return newestFirst.stream()
        .filter(r -> !r.isPreRelease())
        .findFirst()
        .or(() -> newestFirst.stream().findFirst());
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

  record CatalogFile(
      String hub,
      Map<String, String> istioApi,
      Map<String, String> injectionTemplates,
      List<MinorLine> minorLines,
      List<BehaviourChange> behaviourChanges) {}

  /** The templates of {@code injectionTemplates} (name: first line) that {@code line} has. */
  static List<String> templatesOf(Map<String, String> injectionTemplates, MinorVersion line) {
    return orEmpty(injectionTemplates).entrySet().stream()
        .filter(t -> !MinorVersion.of(t.getValue()).isAfter(line))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  /**
   * The istio.io/api release packaged for {@code line}: its own, else the newest packaged line's
   * not after it (a runtime catalog's newer line), else the oldest one's.
   */
  static String istioApiOf(Map<String, String> packaged, MinorVersion line) {
    String own = packaged.get(line.toString());
    if (own != null) {
      return own;
    }
    List<MinorVersion> lines = packaged.keySet().stream().map(MinorVersion::of).sorted().toList();
    MinorVersion nearest =
        lines.stream().filter(l -> !l.isAfter(line)).reduce((a, b) -> b).orElse(lines.get(0));
    return packaged.get(nearest.toString());
  }

  /**
   * @param endOfLife the day upstream's support of the line ended (ISO date), if it has
   */
  record MinorLine(
      String minor,
      Range kubernetes,
      String oldestCompatibilityVersion,
      String endOfLife,
      List<String> patches) {}

  record Range(String min, String max) {}

  /** A runtime catalog: the built-in format's minor lines only. */
  record AdditionsFile(List<MinorLine> minorLines) {}

  record BehaviourChange(
      String since,
      Map<String, String> pilotEnv,
      Map<String, String> cni,
      Map<String, String> ambient) {}
}
