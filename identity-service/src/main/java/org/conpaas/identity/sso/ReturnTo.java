package org.conpaas.identity.sso;

import org.conpaas.kit.web.ApiException;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the browser goes after signing in: the dashboard ({@code /}), or a loopback address a
 * command-line client listens on ({@code http://127.0.0.1:<port>/…}, RFC 8252 7.3). Nothing
 * else, so a sign-in link cannot send the one-time code to someone else's site.
 */
final class ReturnTo {

    static final String DASHBOARD = "/";

    private ReturnTo() {
    }

    static String check(String redirect) {
        if (redirect == null || redirect.isBlank() || redirect.equals(DASHBOARD)) {
            return DASHBOARD;
        }
        URI uri;
        try {
            uri = new URI(redirect);
        } catch (URISyntaxException e) {
            throw refused(redirect);
        }
        if (!"http".equals(uri.getScheme()) || !"127.0.0.1".equals(uri.getHost()) || uri.getPort() <= 0
                || uri.getRawUserInfo() != null || uri.getRawFragment() != null || redirect.length() > 1000) {
            throw refused(redirect);
        }
        return redirect;
    }

    /** The return address with the one-time code added. */
    static String withCode(String returnTo, String code) {
        return returnTo + (returnTo.contains("?") ? "&" : "?") + "sso_code=" + code;
    }

    private static ApiException refused(String redirect) {
        return ApiException.invalid("redirect must be the dashboard (leave it out) or a loopback address "
                + "http://127.0.0.1:<port>/<path>, was '" + redirect + "'");
    }
}
