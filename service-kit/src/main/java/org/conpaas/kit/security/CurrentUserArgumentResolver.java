package org.conpaas.kit.security;

import org.conpaas.contracts.id.UserId;
import org.conpaas.kit.web.ApiException;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves {@link CurrentUser} controller parameters from the verified JWT or a user's client certificate. */
public class CurrentUserArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(CurrentUser.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binders) {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The user an authentication stands for; a node's certificate or no login is refused. */
    public static CurrentUser of(Authentication auth) {
        if (auth != null && auth.getPrincipal() instanceof CurrentUser user) {
            return user;
        }
        if (auth != null && auth.getPrincipal() instanceof CurrentNode) {
            throw ApiException.forbidden("a node certificate cannot act as a user");
        }
        if (auth == null || !(auth.getPrincipal() instanceof Jwt jwt)) {
            throw ApiException.unauthorized("log in first: this needs a ConPaaS token");
        }
        return fromJwt(jwt);
    }

    public static CurrentUser fromJwt(Jwt jwt) {
        String role = jwt.getClaimAsString(TokenClaims.ROLE);
        return new CurrentUser(UserId.of(jwt.getSubject()), jwt.getClaimAsString(TokenClaims.USERNAME),
                role == null ? CurrentUser.USER : role);
    }
}
