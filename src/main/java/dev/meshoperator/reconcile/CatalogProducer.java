package dev.meshoperator.reconcile;

import dev.meshoperator.catalog.IstioCatalog;
import dev.meshoperator.catalog.RelatedImages;
import dev.meshoperator.plan.PlanResolver;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the pure pieces into CDI: the catalog is read once per process. */
public class CatalogProducer {

  @Produces
  @Singleton
  IstioCatalog catalog() {
    return IstioCatalog.load();
  }

  @Produces
  @Singleton
  PlanResolver planResolver(IstioCatalog catalog) {
    return new PlanResolver(catalog, RelatedImages.from(catalog, System.getenv()));
  }

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
