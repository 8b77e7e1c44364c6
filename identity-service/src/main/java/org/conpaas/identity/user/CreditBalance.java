package org.conpaas.identity.user;

/**
 * A user's credit: never below zero, never above the deployment's maximum. 1 credit = 1 node-hour.
 */
public record CreditBalance(long value, long max) {

    public CreditBalance {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("credit must be 0.." + max + ", was " + value);
        }
    }

    /** The balance after adding {@code delta} (negative to take), or a clear refusal. */
    public CreditBalance plus(long delta) {
        long next = value + delta;
        if (next < 0) {
            throw new IllegalStateException("credit cannot go below 0: the balance is " + value + ", the change " + delta);
        }
        if (next > max) {
            throw new IllegalStateException("credit cannot exceed " + max + ": the balance is " + value + ", the change " + delta);
        }
        return new CreditBalance(next, max);
    }
}
