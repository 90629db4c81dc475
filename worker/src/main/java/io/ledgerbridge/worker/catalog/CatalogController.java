package io.ledgerbridge.worker.catalog;

import io.ledgerbridge.worker.access.RequiresRole;
import io.ledgerbridge.worker.access.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/catalog}: the objects LedgerBridge syncs and how, for the admin page, the CLI and scripts. */
@Tag(name = "Catalog", description = "The objects LedgerBridge syncs and the mappings in force")
@RestController
@RequiresRole(Role.VIEWER)
class CatalogController {
  private final ObjectCatalog catalog;

  CatalogController(ObjectCatalog catalog) {
    this.catalog = catalog;
  }

  @Operation(operationId = "listCatalogObjects", summary = "Every object LedgerBridge syncs, parents first, with the"
      + " mapping in force per direction")
  @GetMapping("/api/catalog")
  List<CatalogObject> objects() {
    return catalog.objects();
  }
}
