package org.conpaas.vpn.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.conpaas.kit.web.ApiException;

import java.util.Base64;

/** A WireGuard public key: 32 bytes, base64 (as `wg pubkey` prints it). Private keys never come here. */
public record WireGuardKey(@JsonValue String value) {

    public WireGuardKey {
        byte[] raw;
        try {
            raw = value == null ? new byte[0] : Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != 32) {
            throw ApiException.invalid("publicKey must be a WireGuard public key: 32 bytes in base64 (from 'wg pubkey')");
        }
        value = value.strip();
    }

    @JsonCreator
    public static WireGuardKey of(String value) {
        return new WireGuardKey(value);
    }
}
