package org.conpaas.identity.throttle;

import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts failed logins per username and per client address in the database (every
 * identity-service instance sees the same counts). Past a key's limit its logins are refused for
 * a delay that doubles with each further failure, up to the window; a key's failures are
 * forgotten a window after its last one, and a successful login forgets the username's.
 * Refused attempts are not counted: the delay grows only with the failures checked.
 */
@Component
@EnableConfigurationProperties(LoginThrottleProperties.class)
public class LoginThrottle {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EventGateway events;
    private final LoginThrottleProperties properties;
    private final Clock clock = Clock.systemUTC();

    LoginThrottle(JdbcTemplate jdbc, PlatformTransactionManager transactions, EventGateway events,
                  LoginThrottleProperties properties) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.events = events;
        this.properties = properties;
    }

    public LoginThrottleProperties properties() {
        return properties;
    }

    /** How long logins for {@code username} (null: not a username) or from {@code address} are still refused, if they are. */
    public Optional<Duration> refusal(String username, String address) {
        Instant now = clock.instant();
        Timestamp until = jdbc.queryForObject("SELECT max(blocked_until) FROM login_failure WHERE throttle_key IN (?, ?) "
                + "AND blocked_until > ?", Timestamp.class, userKey(username), addressKey(address), Timestamp.from(now));
        return until == null ? Optional.empty() : Optional.of(Duration.between(now, until.toInstant()));
    }

    /** Counts a failed login; a key past its limit is refused from now on and an event says so. */
    public void failed(String username, String address) {
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            jdbc.update("DELETE FROM login_failure WHERE last_failure < ?", Timestamp.from(now.minus(properties.window())));
            if (username != null) {
                count(userKey(username), properties.maxFailuresPerUsername(), now)
                        .ifPresent(t -> events.publish(new LoginThrottled(username, address, "username", t.failures, t.seconds())));
            }
            count(addressKey(address), properties.maxFailuresPerAddress(), now)
                    .ifPresent(t -> events.publish(new LoginThrottled(username, address, "address", t.failures, t.seconds())));
        });
    }

    public void succeeded(String username) {
        jdbc.update("DELETE FROM login_failure WHERE throttle_key = ?", userKey(username));
    }

    private record Refusal(int failures, Duration delay) {
        long seconds() {
            return Math.max(1, (delay.toMillis() + 999) / 1000);
        }
    }

    private Optional<Refusal> count(String key, int max, Instant now) {
        Timestamp forgotten = Timestamp.from(now.minus(properties.window()));
        Integer failures = jdbc.queryForObject("""
                INSERT INTO login_failure (throttle_key, failures, last_failure) VALUES (?, 1, ?)
                ON CONFLICT (throttle_key) DO UPDATE SET
                  failures = CASE WHEN login_failure.last_failure < ? THEN 1 ELSE login_failure.failures + 1 END,
                  last_failure = EXCLUDED.last_failure
                RETURNING failures""", Integer.class, key, Timestamp.from(now), forgotten);
        if (failures == null || failures < max) {
            return Optional.empty();
        }
        Duration delay = properties.delayAfter(failures, max);
        jdbc.update("UPDATE login_failure SET blocked_until = ? WHERE throttle_key = ?", Timestamp.from(now.plus(delay)), key);
        return Optional.of(new Refusal(failures, delay));
    }

    private static String userKey(String username) {
        return "user:" + username;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
