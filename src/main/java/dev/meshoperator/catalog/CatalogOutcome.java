package dev.meshoperator.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog one reconcile resolves versions from: the built-in one plus the runtime catalogs, or
 * the built-in one alone when a runtime catalog is bad (with the reason, for a condition).
 *
 * @param catalog the catalog to use
 * @param runtime the runtime catalogs merged in, by name
 * @param error why the runtime catalogs were left out, if they were
 */
public record CatalogOutcome(IstioCatalog catalog, List<String> runtime, Optional<String> error) {

  /** Merges {@code runtime} (a runtime catalog's name to its text), in the order given. */
  public static CatalogOutcome merge(
      IstioCatalog builtIn, List<Map.Entry<String, String>> runtime) {
    IstioCatalog merged = builtIn;
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, String> entry : runtime) {
      try {
        merged =
            merged.withAdditions(entry.getValue() == null ? "" : entry.getValue(), entry.getKey());
      } catch (IllegalArgumentException bad) {
        return new CatalogOutcome(builtIn, List.of(), Optional.of(bad.getMessage()));
      }
      names.add(entry.getKey());
    }
    return new CatalogOutcome(merged, List.copyOf(names), Optional.empty());
  }
}
