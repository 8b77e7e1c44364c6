package org.conpaas.identity.user;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.conpaas.contracts.id.UserId;
import org.conpaas.identity.user.api.ChangePasswordCommand;
import org.conpaas.identity.user.api.RegisterUserCommand;
import org.conpaas.kit.web.ApiException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Registers a user after checking what the aggregate cannot: that the username is free. */
@Component
public class Registration {

    private final CommandGateway commands;
    private final UserQueries queries;
    private final PasswordEncoder passwords;
    private final IdentityProperties properties;
    private final PasswordStore store;

    Registration(CommandGateway commands, UserQueries queries, PasswordEncoder passwords, IdentityProperties properties,
                 PasswordStore store) {
        this.commands = commands;
        this.store = store;
        this.queries = queries;
        this.passwords = passwords;
        this.properties = properties;
    }

    public UserId register(Username username, String email, String affiliation, String password, Role role, Long credit) {
        return register(username, email, affiliation, password, role, credit, null);
    }

    /**
     * The command and the password's hash commit together (the command joins this transaction).
     *
     * @param externalId the identity at an external provider ("issuer|subject"), or null for a local account
     */
    @Transactional
    public UserId register(Username username, String email, String affiliation, String password, Role role, Long credit,
                           String externalId) {
        checkPassword(password);
        long startCredit = credit == null ? properties.defaultCredit() : credit;
        if (startCredit < 0 || startCredit > properties.maxCredit()) {
            throw ApiException.invalid("credit must be 0 to " + properties.maxCredit() + ", was " + startCredit);
        }
        if (queries.usernameTaken(username)) {
            throw ApiException.conflict("the username '" + username + "' is taken");
        }
        UserId id = UserId.random();
        commands.sendAndWait(new RegisterUserCommand(id, username, trimmed(email, 320, "email"),
                trimmed(affiliation, 200, "affiliation"), role, startCredit, properties.maxCredit(),
                trimmed(externalId, 500, "external id")));
        store.keep(id, passwords.encode(password));
        return id;
    }

    /** Gives the user a new password: PasswordChanged in the event store, the new hash in the credential store only. */
    @Transactional
    public void changePassword(UserId user, String password) {
        checkPassword(password);
        commands.sendAndWait(new ChangePasswordCommand(user));
        store.keep(user, passwords.encode(password));
    }

    private static void checkPassword(String password) {
        Passwords.check(password);
    }

    private static String trimmed(String value, int max, String what) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max || v.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid(what + " must be at most " + max + " characters without control characters");
        }
        return v;
    }
}
