package org.conpaas.contracts.service;

import org.conpaas.contracts.id.ServiceId;

/**
 * A mysql service a web service is bound to: provisioning-service makes an account for the binding
 * on {@code serviceId}'s servers with every right on {@code database} (made if missing), and gives
 * the bound service's backends its address and credentials as CONPAAS_MYSQL_* variables.
 * {@code serviceName} names the prefixed variables (CONPAAS_MYSQL_&lt;NAME&gt;_HOST, …).
 */
public record ServiceBinding(ServiceId serviceId, String serviceName, String database) {
}
