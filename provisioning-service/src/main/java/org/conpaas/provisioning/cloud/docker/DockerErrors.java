package org.conpaas.provisioning.cloud.docker;

import com.github.dockerjava.api.exception.DockerException;
import org.conpaas.provisioning.cloud.CloudException;
import org.conpaas.provisioning.cloud.CloudException.Reason;

/** Turns what docker-java throws into a {@link CloudException} with the engine's HTTP status as its code. */
final class DockerErrors {

    private DockerErrors() {
    }

    static CloudException of(String what, RuntimeException e) {
        if (e instanceof CloudException cloud) {
            return cloud;
        }
        if (e instanceof DockerException engine) {
            int status = engine.getHttpStatus();
            Reason reason = switch (status) {
                case 401, 403 -> Reason.NOT_AUTHORIZED;
                case 404 -> Reason.IMAGE_NOT_FOUND;
                case 409 -> Reason.BUSY;
                case 400 -> Reason.INVALID_REQUEST;
                default -> Reason.UNREACHABLE;
            };
            return new CloudException(reason, "HTTP " + status, what + ": " + engineMessage(engine), e);
        }
        return new CloudException(Reason.UNREACHABLE, null, what + ": the Docker engine did not answer (" + rootMessage(e) + ")", e);
    }

    /** The engine's own words: docker-java's message is "Status 404: {\"message\":\"…\"}". */
    static String engineMessage(DockerException e) {
        String message = String.valueOf(e.getMessage());
        int start = message.indexOf("\"message\":\"");
        if (start < 0) {
            return message.trim();
        }
        int from = start + "\"message\":\"".length();
        int end = message.indexOf('"', from);
        return (end < 0 ? message.substring(from) : message.substring(from, end)).trim();
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
