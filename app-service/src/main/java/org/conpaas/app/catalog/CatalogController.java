package org.conpaas.app.catalog;

import org.conpaas.contracts.api.service.CatalogEntry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** GET /api/catalog: the service types a user may add. */
@RestController
class CatalogController {

    private final ServiceCatalog catalog;

    CatalogController(ServiceCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/api/catalog")
    List<CatalogEntry> list() {
        return catalog.entries();
    }
}
