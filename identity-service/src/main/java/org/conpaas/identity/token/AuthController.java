package org.conpaas.identity.token;

import org.conpaas.contracts.api.identity.LoginRequest;
import org.conpaas.contracts.api.identity.RefreshRequest;
import org.conpaas.contracts.api.identity.TokenResponse;
import org.conpaas.identity.user.UserQueries;
import org.conpaas.identity.user.Username;
import org.conpaas.kit.web.ApiException;
import org.springframework.security.crypto.password.PasswordEncoder;
import jakarta.servlet.http.HttpServletRequest;
import org.conpaas.identity.throttle.ClientAddress;
import org.conpaas.identity.throttle.LoginThrottle;
import org.conpaas.identity.user.Passwords;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Login with username and password, refresh with a one-time refresh token, and the public keys. */
@RestController
class AuthController {

    private static final String WRONG = "wrong username or password";

    private final UserQueries users;
    private final PasswordEncoder passwords;
    private final TokenIssuer issuer;
    private final RefreshTokens refreshTokens;
    private final SigningKeys keys;
    private final LoginThrottle throttle;
    /** Compared against when the user is unknown, so both cases take the same time. */
    private final String dummyHash;

    AuthController(UserQueries users, PasswordEncoder passwords, TokenIssuer issuer, RefreshTokens refreshTokens,
                   SigningKeys keys, LoginThrottle throttle) {
        this.throttle = throttle;
        this.users = users;
        this.passwords = passwords;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.keys = keys;
        this.dummyHash = passwords.encode("no such user");
    }

    /**
     * Failed logins count per username and per client address; past the limits the answer is a
     * 429 with Retry-After, whatever the password. A password bcrypt cannot take (over 72 bytes)
     * is a failed login like any wrong one.
     */
    @PostMapping("/api/auth/login")
    ResponseEntity<?> login(@RequestBody LoginRequest request, HttpServletRequest http) {
        if (request == null || request.username() == null || request.password() == null) {
            throw ApiException.invalid("send {\"username\": \"…\", \"password\": \"…\"}");
        }
        String address = ClientAddress.of(http, throttle.properties().trustedProxies());
        String username = validUsername(request.username()).orElse(null);
        var refused = throttle.refusal(username, address);
        if (refused.isPresent()) {
            return tooManyFailures(refused.get());
        }
        var user = Optional.ofNullable(username).flatMap(users::credentialsByUsername);
        boolean checkable = Passwords.fitsBcrypt(request.password());
        boolean matches = passwords.matches(checkable ? request.password() : "too long to check",
                user.map(UserQueries.Credentials::passwordHash).orElse(dummyHash));
        if (user.isEmpty() || !matches || !checkable) {
            throttle.failed(username, address);
            throw ApiException.unauthorized(WRONG);
        }
        if (!user.get().enabled()) {
            throw ApiException.forbidden("this account is disabled: ask an administrator");
        }
        throttle.succeeded(username);
        return ResponseEntity.ok(issuer.issue(user.get()));
    }

    private static ResponseEntity<ProblemDetail> tooManyFailures(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "too many failed logins for this username or from your address: try again in " + seconds + " s");
        problem.setTitle("Too many requests");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** A name that cannot be a username cannot log in: it is not even looked up. */
    private static java.util.Optional<String> validUsername(String name) {
        try {
            return java.util.Optional.of(Username.of(name).value());
        } catch (ApiException notAUsername) {
            return java.util.Optional.empty();
        }
    }

    /** Not one transaction: a reused token's ending of its session is committed before the refusal. */
    @PostMapping("/api/auth/refresh")
    TokenResponse refresh(@RequestBody RefreshRequest request) {
        RefreshTokens.Holder holder = refreshTokens.consume(request == null ? null : request.refreshToken());
        var user = users.credentialsById(holder.userId())
                .orElseThrow(() -> ApiException.unauthorized("the account no longer exists"));
        if (!user.enabled()) {
            throw ApiException.forbidden("this account is disabled: ask an administrator");
        }
        return issuer.issue(user, holder.providerIdToken(), holder.sessionId());
    }

    @GetMapping("/.well-known/jwks.json")
    Map<String, Object> jwks() {
        return keys.publicJwks().toJSONObject();
    }
}
