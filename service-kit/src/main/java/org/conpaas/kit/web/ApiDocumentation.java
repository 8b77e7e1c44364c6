package org.conpaas.kit.web;

import org.conpaas.kit.security.CurrentNode;
import org.conpaas.kit.security.CurrentUser;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;

/**
 * How springdoc describes a service's endpoints (the gateway merges the documents into
 * GET /api/openapi.json): the caller a controller takes ({@link CurrentUser}, {@link CurrentNode})
 * comes from the token or certificate, never from the request's parameters, so it is no parameter.
 */
@AutoConfiguration
@ConditionalOnClass(SpringDocUtils.class)
public class ApiDocumentation {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class, CurrentNode.class);
    }
}
