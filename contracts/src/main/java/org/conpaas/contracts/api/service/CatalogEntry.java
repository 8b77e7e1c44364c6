package org.conpaas.contracts.api.service;

import java.util.List;

/**
 * A service type a deployment offers: what it is, what its nodes run, the cloud image it needs
 * (null: any node with the ConPaaS node agent), whether it takes a code upload, and its node limits.
 */
public record CatalogEntry(String type, String description, String image, boolean codeUpload, int minNodes,
                           List<String> roles) {
}
