package org.conpaas.identity.token;

import org.conpaas.contracts.api.identity.LoginRequest;
import org.conpaas.contracts.api.identity.RefreshRequest;
import org.conpaas.contracts.api.identity.TokenResponse;
import org.conpaas.identity.user.UserQueries;
import org.conpaas.identity.user.Username;
import org.conpaas.kit.web.ApiException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Login with username and password, refresh with a one-time refresh token, and the public keys. */
@RestController
class AuthController {

    private static final String WRONG = "wrong username or password";

    private final UserQueries users;
    private final PasswordEncoder passwords;
    private final TokenIssuer issuer;
    private final RefreshTokens refreshTokens;
    private final SigningKeys keys;
    /** Compared against when the user is unknown, so both cases take the same time. */
    private final String dummyHash;

    AuthController(UserQueries users, PasswordEncoder passwords, TokenIssuer issuer, RefreshTokens refreshTokens,
                   SigningKeys keys) {
        this.users = users;
        this.passwords = passwords;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.keys = keys;
        this.dummyHash = passwords.encode("no such user");
    }

    @PostMapping("/api/auth/login")
    @Transactional
    TokenResponse login(@RequestBody LoginRequest request) {
        if (request == null || request.username() == null || request.password() == null) {
            throw ApiException.invalid("send {\"username\": \"…\", \"password\": \"…\"}");
        }
        var user = validUsername(request.username()).flatMap(users::credentialsByUsername);
        boolean matches = passwords.matches(request.password(), user.map(UserQueries.Credentials::passwordHash).orElse(dummyHash));
        if (user.isEmpty() || !matches) {
            throw ApiException.unauthorized(WRONG);
        }
        if (!user.get().enabled()) {
            throw ApiException.forbidden("this account is disabled: ask an administrator");
        }
        return issuer.issue(user.get());
    }

    /** A name that cannot be a username cannot log in: it is not even looked up. */
    private static java.util.Optional<String> validUsername(String name) {
        try {
            return java.util.Optional.of(Username.of(name).value());
        } catch (ApiException notAUsername) {
            return java.util.Optional.empty();
        }
    }

    @PostMapping("/api/auth/refresh")
    @Transactional
    TokenResponse refresh(@RequestBody RefreshRequest request) {
        RefreshTokens.Holder holder = refreshTokens.consume(request == null ? null : request.refreshToken());
        var user = users.credentialsById(holder.userId())
                .orElseThrow(() -> ApiException.unauthorized("the account no longer exists"));
        if (!user.enabled()) {
            throw ApiException.forbidden("this account is disabled: ask an administrator");
        }
        return issuer.issue(user, holder.providerIdToken());
    }

    @GetMapping("/.well-known/jwks.json")
    Map<String, Object> jwks() {
        return keys.publicJwks().toJSONObject();
    }
}
