package org.conpaas.identity.sso;

import org.conpaas.contracts.api.identity.TokenResponse;
import org.conpaas.identity.token.TokenIssuer;
import org.conpaas.identity.user.UserQueries;
import org.conpaas.kit.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;
import java.util.Map;

/**
 * Single sign-on: identity-service is an OpenID Connect client (authorization code + PKCE) of the
 * Keycloak realm that brokers the external identity providers. The browser goes to Keycloak with
 * {@code kc_idp_hint} naming the provider, comes back to the callback, and leaves with a one-time
 * code it exchanges for the same tokens a password login gives.
 */
@RestController
class SsoController {

    static final String CALLBACK = "/api/auth/sso/callback";

    record ProviderView(String id, String name, String loginUrl) {
    }

    record ExchangeRequest(String code) {
    }

    private final SsoProperties properties;
    private final KeycloakEndpoints keycloak;
    private final PendingLogins logins;
    private final CodeExchange codeExchange;
    private final IdTokenValidator validator;
    private final ExternalUsers externalUsers;
    private final OneTimeCodes codes;
    private final UserQueries users;
    private final TokenIssuer tokens;
    private final String redirectUri;

    SsoController(SsoProperties properties, KeycloakEndpoints keycloak, PendingLogins logins, CodeExchange codeExchange,
                  IdTokenValidator validator, ExternalUsers externalUsers, OneTimeCodes codes, UserQueries users,
                  TokenIssuer tokens, @Value("${conpaas.public-url:https://127.0.0.1:8080}") String publicUrl) {
        this.properties = properties;
        this.keycloak = keycloak;
        this.logins = logins;
        this.codeExchange = codeExchange;
        this.validator = validator;
        this.externalUsers = externalUsers;
        this.codes = codes;
        this.users = users;
        this.tokens = tokens;
        this.redirectUri = (publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl) + CALLBACK;
    }

    @GetMapping("/api/auth/sso/providers")
    List<ProviderView> providers() {
        if (!properties.enabled()) {
            return List.of();
        }
        return properties.providers().stream()
                .map(p -> new ProviderView(p.id(), p.name(), "/api/auth/sso/" + p.id() + "/login")).toList();
    }

    @GetMapping("/api/auth/sso/{provider}/login")
    ResponseEntity<Void> login(@PathVariable String provider, @RequestParam(required = false) String redirect) {
        requireEnabled();
        if (properties.provider(provider).isEmpty()) {
            throw ApiException.notFound("no single sign-on provider '" + provider + "': GET /api/auth/sso/providers lists them");
        }
        String returnTo = ReturnTo.check(redirect);
        PendingLogins.Started started = logins.start(provider, returnTo);
        String authorize = UriComponentsBuilder.fromUri(keycloak.get().authorization())
                .queryParam("response_type", "code")
                .queryParam("client_id", properties.clientId())
                .queryParam("redirect_uri", redirectUri)
                .queryParam("scope", "openid profile email")
                .queryParam("state", started.state())
                .queryParam("nonce", started.nonce())
                .queryParam("code_challenge", started.codeChallenge())
                .queryParam("code_challenge_method", "S256")
                .queryParam("kc_idp_hint", provider)
                .encode().build().toUriString();
        return redirect(authorize);
    }

    /** Not one transaction: the state is used up even when the sign-in is refused after it (no replay). */
    @GetMapping(CALLBACK)
    ResponseEntity<Void> callback(@RequestParam Map<String, String> query) {
        requireEnabled();
        PendingLogins.Pending pending = logins.finish(query.get("state"));
        if (query.containsKey("error")) {
            throw SsoProblem.refused("the identity provider did not sign you in: " + query.get("error")
                    + (query.containsKey("error_description") ? " (" + query.get("error_description") + ")" : ""));
        }
        String issuer = keycloak.get().issuer();
        if (query.containsKey("iss") && !issuer.equals(query.get("iss"))) {
            throw SsoProblem.refused("unknown issuer: the callback comes from '" + query.get("iss") + "', this ConPaaS trusts only '"
                    + issuer + "' (conpaas.sso.issuer-uri)");
        }
        String code = query.get("code");
        if (code == null || code.isBlank()) {
            throw SsoProblem.refused("the callback carries no code: start the login again");
        }
        String signedIdToken = codeExchange.idToken(code, pending.codeVerifier(), redirectUri);
        VerifiedIdToken idToken = validator.validate(signedIdToken, pending.nonce());
        UserQueries.Credentials user = externalUsers.signIn(idToken);
        requireEnabled(user);
        return redirect(ReturnTo.withCode(pending.returnTo(), codes.issue(user.id(), signedIdToken)));
    }

    @PostMapping("/api/auth/sso/exchange")
    @Transactional
    TokenResponse exchange(@RequestBody(required = false) ExchangeRequest request) {
        OneTimeCodes.Redeemed redeemed = codes.redeem(request == null ? null : request.code());
        UserQueries.Credentials user = users.credentialsById(redeemed.userId())
                .orElseThrow(() -> SsoProblem.refused("the account no longer exists"));
        requireEnabled(user);
        return tokens.issue(user, redeemed.providerIdToken());
    }

    private void requireEnabled() {
        if (!properties.enabled()) {
            throw SsoProblem.notConfigured();
        }
    }

    /** The identity provider may say yes; a disabled ConPaaS account still says no. */
    private static void requireEnabled(UserQueries.Credentials user) {
        if (!user.enabled()) {
            throw ApiException.forbidden("this account is disabled: ask an administrator (the identity provider signed you in, "
                    + "but ConPaaS refuses disabled accounts)");
        }
    }

    private static ResponseEntity<Void> redirect(String location) {
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, location)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
