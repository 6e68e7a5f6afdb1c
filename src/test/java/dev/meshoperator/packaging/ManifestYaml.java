package dev.meshoperator.packaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/** How the generated, committed manifests are written: repeatable, and valid for strict readers. */
final class ManifestYaml {

  static final ObjectMapper MAPPER =
      new ObjectMapper(
              new YAMLFactory()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  // "8080" stays a string (an annotation value), not the number 8080.
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS))
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          // The Quarkus-generated manifests do not keep a stable key order between builds.
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private ManifestYaml() {}
}
