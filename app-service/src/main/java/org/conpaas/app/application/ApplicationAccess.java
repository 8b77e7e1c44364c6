package org.conpaas.app.application;

import org.conpaas.contracts.api.application.ApplicationView;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.web.ApiException;
import org.springframework.stereotype.Component;

/** Who may see an application: its owner or an administrator; anyone else gets 404, as if it did not exist. */
@Component
public class ApplicationAccess {

    private final ApplicationQueries queries;

    ApplicationAccess(ApplicationQueries queries) {
        this.queries = queries;
    }

    public ApplicationView visible(String id, CurrentUser caller) {
        return queries.find(ApplicationId.of(id))
                .filter(app -> caller.mayActFor(UserId.of(app.ownerId())))
                .orElseThrow(() -> ApiException.notFound("no application " + abbreviate(id) + " of yours"));
    }

    public static String abbreviate(String id) {
        return id.length() > 40 ? id.substring(0, 40) + "…" : id;
    }
}
