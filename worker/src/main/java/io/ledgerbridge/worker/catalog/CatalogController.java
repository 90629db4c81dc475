package io.ledgerbridge.worker.catalog;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/catalog}: the objects LedgerBridge syncs and how, for the admin page, the CLI and scripts. */
@RestController
class CatalogController {
  private final ObjectCatalog catalog;

  CatalogController(ObjectCatalog catalog) {
    this.catalog = catalog;
  }

  @GetMapping("/api/catalog")
  List<CatalogObject> objects() {
    return catalog.objects();
  }
}
