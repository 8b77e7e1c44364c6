package org.conpaas.identity.token;

import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.web.ApiException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** An administrator rotates the token-signing key. */
@RestController
class SigningKeyController {

    /** The key that signs now and every key the JWKS lists (it included). */
    record RotationResult(String signingKeyId, List<String> publishedKeyIds) {
    }

    private final SigningKeys keys;

    SigningKeyController(SigningKeys keys) {
        this.keys = keys;
    }

    @PostMapping("/api/auth/signing-keys/rotate")
    @Transactional
    RotationResult rotate(CurrentUser caller) {
        if (!caller.isAdmin()) {
            throw ApiException.forbidden("only administrators rotate the token-signing key");
        }
        String id = keys.rotate();
        return new RotationResult(id, keys.publicJwks().getKeys().stream().map(k -> k.getKeyID()).toList());
    }
}
