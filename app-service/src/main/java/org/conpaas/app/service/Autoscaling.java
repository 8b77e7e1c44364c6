package org.conpaas.app.service;

import java.time.Duration;
import java.time.Instant;

/**
 * The autoscaling rule of a php or java service: a backend more when the proxies' p95 response
 * time stayed above the target for {@link #UP_AFTER} measurements in a row, one less when it stayed
 * under half the target (or no request came) for {@link #DOWN_AFTER}; never below {@code min} nor
 * above {@code max} backends, and nothing for {@link #COOL_DOWN} after a change (the new backend
 * must first take its share).
 */
record Autoscaling(int targetResponseMs, int min, int max) {

    static final int UP_AFTER = 2;
    static final int DOWN_AFTER = 6;
    static final Duration COOL_DOWN = Duration.ofSeconds(45);

    /** Where the rule stands: measurements in a row above the target and well below it, and the last change. */
    record Streak(int above, int below, Instant lastChange) {

        static final Streak NONE = new Streak(0, 0, null);
    }

    enum Action { ADD, REMOVE, NONE }

    record Decision(Action action, String reason, Streak streak) {
    }

    static String problemWith(int targetResponseMs, int min, int max, int maxNodes) {
        if (targetResponseMs < 10 || targetResponseMs > 60_000) {
            return "the target response time must be 10 to 60000 ms, not " + targetResponseMs;
        }
        if (min < 1 || max < min || max > maxNodes) {
            return "autoscaling needs 1 <= min <= max <= " + maxNodes + " backends, not min " + min + " and max " + max;
        }
        return null;
    }

    Decision decide(Double p95Ms, int backends, Streak streak, Instant now) {
        boolean above = p95Ms != null && p95Ms > targetResponseMs;
        boolean wellBelow = p95Ms == null || p95Ms < targetResponseMs / 2.0;
        Streak next = new Streak(above ? streak.above() + 1 : 0, wellBelow ? streak.below() + 1 : 0, streak.lastChange());
        boolean cooling = streak.lastChange() != null && now.isBefore(streak.lastChange().plus(COOL_DOWN));
        String measured = p95Ms == null ? "no request" : "p95 " + Math.round(p95Ms) + " ms";
        if (backends < min && !cooling) {
            return new Decision(Action.ADD, "autoscaling: " + backends + " backend(s), the minimum is " + min, changed(now));
        }
        if (backends > max && !cooling) {
            return new Decision(Action.REMOVE, "autoscaling: " + backends + " backend(s), the maximum is " + max, changed(now));
        }
        if (!cooling && next.above() >= UP_AFTER && backends < max) {
            return new Decision(Action.ADD, "autoscaling: " + measured + " above the " + targetResponseMs + " ms target", changed(now));
        }
        if (!cooling && next.below() >= DOWN_AFTER && backends > min) {
            return new Decision(Action.REMOVE, "autoscaling: " + measured + ", well below the " + targetResponseMs + " ms target",
                    changed(now));
        }
        return new Decision(Action.NONE, null, next);
    }

    private static Streak changed(Instant now) {
        return new Streak(0, 0, now);
    }
}
