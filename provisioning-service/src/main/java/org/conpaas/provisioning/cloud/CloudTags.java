package org.conpaas.provisioning.cloud;

/** Tag names every driver puts on the nodes it starts (EC2 tags, OpenNebula user template attributes). */
public final class CloudTags {
    /** the deployment that owns the node: orphans are looked for among these only */
    public static final String DEPLOYMENT = "conpaas:deployment";
    public static final String NODE = "conpaas:node";
    public static final String SERVICE = "conpaas:service";
    public static final String APPLICATION = "conpaas:application";
    public static final String ROLE = "conpaas:role";

    private CloudTags() {
    }
}
