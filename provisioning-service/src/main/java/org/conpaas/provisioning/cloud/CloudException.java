package org.conpaas.provisioning.cloud;

/**
 * A cloud call failed. {@link Reason} classifies the cloud's own error code so callers can
 * decide: retry later (capacity, throttling, unreachable) or give up and tell the user (bad image,
 * refused credentials, bad settings).
 */
public class CloudException extends RuntimeException {

    public enum Reason {
        /** e.g. EC2 InsufficientInstanceCapacity, OpenNebula no host: try later or elsewhere */
        NO_CAPACITY(true),
        /** e.g. EC2 RequestLimitExceeded: back off and retry */
        THROTTLED(true),
        /** the endpoint did not answer or answered garbage */
        UNREACHABLE(true),
        /** the node is in a state the cloud refuses this call in for now (OpenNebula's "wrong state" while booting): retry later */
        BUSY(true),
        /** e.g. EC2 InvalidAMIID.NotFound, OpenNebula template/image not found */
        IMAGE_NOT_FOUND(false),
        /** e.g. EC2 UnauthorizedOperation / AuthFailure, OpenNebula [AuthenticationFailure] */
        NOT_AUTHORIZED(false),
        /** the cloud refused the request as malformed for these settings */
        INVALID_REQUEST(false),
        /** the local cloud's node limit, an OpenNebula user or group quota */
        QUOTA_EXCEEDED(false);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Reason reason;
    private final String cloudCode;

    public CloudException(Reason reason, String cloudCode, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.cloudCode = cloudCode;
    }

    public CloudException(Reason reason, String cloudCode, String message) {
        this(reason, cloudCode, message, null);
    }

    public Reason reason() {
        return reason;
    }

    /** The cloud's own error code (e.g. "InsufficientInstanceCapacity"), or null. */
    public String cloudCode() {
        return cloudCode;
    }

    public boolean retryable() {
        return reason.retryable();
    }
}
