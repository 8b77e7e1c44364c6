package org.conpaas.identity.sso;

import org.conpaas.identity.token.RefreshTokens;
import org.conpaas.identity.user.UserQueries;
import org.conpaas.kit.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Ends a ConPaaS session: the refresh token is revoked (the access token runs out within its
 * short lifetime). For a user who signed in through single sign-on, the answer also names
 * Keycloak's end-session URL, where the browser ends the identity provider's session: with the
 * ID token of that sign-in as {@code id_token_hint}, so Keycloak ends it and comes back at once
 * instead of asking the user to confirm (a session begun before the hint was kept gets the URL
 * without it, and Keycloak asks).
 */
@RestController
class LogoutController {

    record LogoutRequest(String refreshToken) {
    }

    record LogoutResponse(boolean loggedOut, String endSessionUrl) {
    }

    private final RefreshTokens refreshTokens;
    private final UserQueries users;
    private final SsoProperties properties;
    private final KeycloakEndpoints keycloak;
    private final String publicUrl;

    LogoutController(RefreshTokens refreshTokens, UserQueries users, SsoProperties properties, KeycloakEndpoints keycloak,
                     @Value("${conpaas.public-url:https://127.0.0.1:8080}") String publicUrl) {
        this.refreshTokens = refreshTokens;
        this.users = users;
        this.properties = properties;
        this.keycloak = keycloak;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl : publicUrl + "/";
    }

    @PostMapping("/api/auth/logout")
    LogoutResponse logout(@RequestBody(required = false) LogoutRequest request) {
        if (request == null || request.refreshToken() == null || request.refreshToken().isBlank()) {
            throw ApiException.invalid("send {\"refreshToken\": \"…\"} from your last login or refresh");
        }
        RefreshTokens.Holder holder = refreshTokens.revoke(request.refreshToken());
        return new LogoutResponse(true, holder == null ? null : endSessionUrl(holder));
    }

    private String endSessionUrl(RefreshTokens.Holder holder) {
        if (!properties.enabled() || !properties.endProviderSession() || users.externalIdentities(holder.userId()).isEmpty()) {
            return null;
        }
        var endSession = keycloak.get().endSession();
        if (endSession == null) {
            return null;
        }
        UriComponentsBuilder url = UriComponentsBuilder.fromUri(endSession).queryParam("client_id", properties.clientId())
                .queryParam("post_logout_redirect_uri", publicUrl);
        if (holder.providerIdToken() != null) {
            url.queryParam("id_token_hint", holder.providerIdToken());
        }
        return url.encode().build().toUriString();
    }
}
