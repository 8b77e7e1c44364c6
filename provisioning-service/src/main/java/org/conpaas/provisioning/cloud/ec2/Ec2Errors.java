package org.conpaas.provisioning.cloud.ec2;

import org.conpaas.provisioning.cloud.CloudException;
import org.conpaas.provisioning.cloud.CloudException.Reason;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.IOException;
import java.util.Set;

/**
 * EC2's error codes folded to {@link Reason}s, and which failures the SDK may retry by itself.
 * See https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html.
 */
final class Ec2Errors {

    static final Set<String> NOT_FOUND = Set.of("InvalidInstanceID.NotFound", "InvalidInstanceID.Malformed");

    private static final Set<String> NO_CAPACITY = Set.of("InsufficientInstanceCapacity", "InstanceLimitExceeded",
            "InsufficientCapacity", "InsufficientHostCapacity", "VcpuLimitExceeded");
    private static final Set<String> THROTTLED = Set.of("RequestLimitExceeded", "Throttling");
    private static final Set<String> IMAGE_NOT_FOUND = Set.of("InvalidAMIID.NotFound", "InvalidAMIID.Malformed",
            "InvalidAMIID.Unavailable");
    private static final Set<String> NOT_AUTHORIZED = Set.of("UnauthorizedOperation", "AuthFailure", "OptInRequired",
            "Blocked", "SignatureDoesNotMatch", "InvalidClientTokenId");

    private Ec2Errors() {
    }

    /** The failure as a CloudException carrying EC2's code and message; {@code action} is e.g. "RunInstances". */
    static CloudException translate(String action, SdkException failure) {
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            return new CloudException(reasonOf(code, service.statusCode(), service.isThrottlingException()), code,
                    "EC2 " + action + " failed: " + code + ": " + message, failure);
        }
        return new CloudException(Reason.UNREACHABLE, null, "EC2 " + action + " failed: " + failure.getMessage(), failure);
    }

    static Reason reasonOf(String code, int status, boolean throttling) {
        if (in(NO_CAPACITY, code)) {
            return Reason.NO_CAPACITY;
        }
        if (in(THROTTLED, code) || throttling) {
            return Reason.THROTTLED;
        }
        if (in(IMAGE_NOT_FOUND, code)) {
            return Reason.IMAGE_NOT_FOUND;
        }
        if (in(NOT_AUTHORIZED, code)) {
            return Reason.NOT_AUTHORIZED;
        }
        return status >= 400 && status < 500 ? Reason.INVALID_REQUEST : Reason.UNREACHABLE;
    }

    static boolean isNotFound(SdkException failure) {
        return failure instanceof AwsServiceException service && service.awsErrorDetails() != null
                && in(NOT_FOUND, service.awsErrorDetails().errorCode());
    }

    /** Throttling is retried with the longer throttling back-off. */
    static boolean isThrottling(Throwable failure) {
        return failure instanceof AwsServiceException service && (service.isThrottlingException()
                || service.awsErrorDetails() != null && in(THROTTLED, service.awsErrorDetails().errorCode()));
    }

    /**
     * What the SDK retries: throttling, EC2's transient server errors and broken connections. Not
     * capacity errors (EC2 sends them as 500): retrying at once rarely helps, and the caller
     * decides whether to try later or elsewhere.
     */
    static boolean isTransient(Throwable failure) {
        if (isThrottling(failure)) {
            return true;
        }
        if (failure instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            return service.statusCode() >= 500 && !in(NO_CAPACITY, code);
        }
        return failure instanceof SdkClientException && hasIoCause(failure);
    }

    private static boolean in(Set<String> codes, String code) {
        return code != null && codes.contains(code);
    }

    private static boolean hasIoCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
