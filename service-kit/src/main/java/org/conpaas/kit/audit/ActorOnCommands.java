package org.conpaas.kit.audit;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.conpaas.kit.security.CurrentUser;
import org.conpaas.kit.security.CurrentUserArgumentResolver;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts who sent a command — the user of the request it was sent from — and the application the
 * request was about into the command's metadata; {@link AuditConfiguration}'s correlation data
 * copies them onto every event the command causes, so the event store says who did what.
 * A command sent outside a user's request (a consumer, a timer) carries none: the platform did it.
 */
final class ActorOnCommands implements MessageDispatchInterceptor<CommandMessage<?>> {

    private static final Pattern APPLICATION = Pattern.compile("^/api/apps/([^/]+)");

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            if (command.getMetaData().containsKey(AuditMetaData.ACTOR)) {
                return command;
            }
            Map<String, String> added = new HashMap<>();
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
                CurrentUser user = CurrentUserArgumentResolver.fromJwt(jwt);
                added.put(AuditMetaData.ACTOR, user.id().value());
                if (user.username() != null) {
                    added.put(AuditMetaData.ACTOR_NAME, user.username());
                }
            }
            if (added.isEmpty()) {
                return command;
            }
            if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
                Matcher app = APPLICATION.matcher(request.getRequest().getRequestURI());
                if (app.find()) {
                    added.put(AuditMetaData.APPLICATION, app.group(1));
                }
            }
            return command.andMetaData(added);
        };
    }
}
