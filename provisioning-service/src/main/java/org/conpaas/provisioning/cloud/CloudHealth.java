package org.conpaas.provisioning.cloud;

/** Whether a cloud answered its health call, and if not, why (shown by GET /api/clouds). */
public record CloudHealth(boolean up, String detail) {
    public static CloudHealth up(String detail) {
        return new CloudHealth(true, detail);
    }

    public static CloudHealth down(String detail) {
        return new CloudHealth(false, detail);
    }
}
