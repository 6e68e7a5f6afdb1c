package dev.meshoperator.reconcile;

import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.catalog.RelatedImages;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the pure pieces into CDI: the built-in catalog is read once per process. */
public class CatalogProducer {

  @Produces
  @Singleton
  IstioCatalog catalog() {
    return IstioCatalog.load();
  }

  @Produces
  @Singleton
  RelatedImages relatedImages(IstioCatalog catalog) {
    return RelatedImages.from(catalog, System.getenv());
  }

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
