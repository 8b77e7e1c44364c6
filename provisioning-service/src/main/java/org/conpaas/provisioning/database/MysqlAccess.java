package org.conpaas.provisioning.database;

import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.web.ApiException;
import org.conpaas.provisioning.access.ServiceOwnership;
import org.springframework.stereotype.Component;

/** A mysql service the caller may act on: 404 when not theirs, 400 when the service is of another type. */
@Component
class MysqlAccess {

    private final ServiceOwnership ownership;

    MysqlAccess(ServiceOwnership ownership) {
        this.ownership = ownership;
    }

    ServiceOwnership.OwnedService check(String app, String svc, CurrentUser caller) {
        ServiceOwnership.OwnedService service = ownership.check(app, svc, caller, "no database of service");
        if (!"mysql".equals(service.type())) {
            throw ApiException.invalid("service " + clip(svc) + " is a " + service.type() + " service: only mysql services have a database");
        }
        return service;
    }

    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
