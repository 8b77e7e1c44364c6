package org.conpaas.contracts.api.service;

import java.util.List;

/**
 * A service type a deployment offers: what it is, what its nodes run, the cloud image it needs
 * (null: any node with the ConPaaS node agent), whether it takes a code upload, its node limits and
 * roles, and the clouds of this deployment that can run it ({@code runsOn}; empty: none yet, and
 * {@code missing} says what to install).
 */
public record CatalogEntry(String type, String description, String image, boolean codeUpload, int minNodes,
                           List<String> roles, List<String> runsOn, String missing) {

    public CatalogEntry(String type, String description, String image, boolean codeUpload, int minNodes, List<String> roles) {
        this(type, description, image, codeUpload, minNodes, roles, List.of(), null);
    }

    public CatalogEntry on(List<String> clouds, String missing) {
        return new CatalogEntry(type, description, image, codeUpload, minNodes, roles, clouds, clouds.isEmpty() ? missing : null);
    }
}
