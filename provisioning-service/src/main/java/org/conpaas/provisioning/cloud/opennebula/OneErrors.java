package org.conpaas.provisioning.cloud.opennebula;

import org.conpaas.provisioning.cloud.CloudException;
import org.conpaas.provisioning.cloud.CloudException.Reason;

import java.util.Locale;
import java.util.Map;

/**
 * OpenNebula's failures folded to {@link Reason}s. A refused call answers {@code [false, message,
 * code, object id, replication index]}; the codes are Request::ErrorCode of oned (include/Request.h),
 * the messages Request::failure_message (src/rm/Request.cc, 6.x). The code alone does not tell a quota
 * from a missing permission, or a missing image from a bad template, so the message is read too.
 */
final class OneErrors {

    static final String NO_EXISTS = "NO_EXISTS";

    private static final Map<Integer, String> CODES = Map.of(0x100, "AUTHENTICATION", 0x200, "AUTHORIZATION", 0x400, NO_EXISTS,
            0x800, "ACTION", 0x1000, "XML_RPC_API", 0x2000, "INTERNAL", 0x4000, "ALLOCATE", 0x8000, "LOCKED", 0x10000, "REPLICATION");

    private OneErrors() {
    }

    /** The name of oned's error code, e.g. "NO_EXISTS" for 0x400. */
    static String codeName(int code) {
        return CODES.getOrDefault(code, "0x" + Integer.toHexString(code));
    }

    /** A {@code [false, message, code, ...]} answer of {@code method} as a CloudException carrying the code's name. */
    static CloudException refused(String method, int code, String message) {
        String name = codeName(code);
        return new CloudException(reasonOf(name, message), name, "OpenNebula " + method + " failed: " + message + " (" + name + ")");
    }

    static Reason reasonOf(String code, String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return switch (code) {
            case "AUTHENTICATION" -> Reason.NOT_AUTHORIZED;
            // "User [5] : user [5] limit of 2 reached for VMS quota in VM."
            case "AUTHORIZATION" -> text.contains("quota") ? Reason.QUOTA_EXCEEDED : Reason.NOT_AUTHORIZED;
            // "Error getting virtual machine template [7]." from one.template.instantiate
            case NO_EXISTS -> text.contains("template") || text.contains("image") ? Reason.IMAGE_NOT_FOUND : Reason.INVALID_REQUEST;
            case "ALLOCATE" -> allocateReason(text);
            // "Could not terminate VM 42, wrong state BOOT." — it accepts the action once it leaves that state
            case "ACTION" -> text.contains("wrong state") ? Reason.BUSY : Reason.INVALID_REQUEST;
            // an HA oned without a leader, or a failed database dump, passes; a template syntax error does not
            case "INTERNAL" -> text.contains("cannot process request") || text.contains("internal error")
                    ? Reason.UNREACHABLE : Reason.INVALID_REQUEST;
            case "REPLICATION" -> Reason.UNREACHABLE;
            default -> Reason.INVALID_REQUEST;
        };
    }

    private static Reason allocateReason(String text) {
        if (text.contains("image with id") || text.contains("image does not exist")) {
            return Reason.IMAGE_NOT_FOUND;
        }
        // "Cannot get IP/MAC lease from virtual network 3": the network is full
        if (text.contains("lease")) {
            return Reason.NO_CAPACITY;
        }
        return Reason.INVALID_REQUEST;
    }

    /** An XML-RPC fault: oned refused the call itself (xmlrpc-c codes: -501 type, -506 no such method, ...). */
    static CloudException fault(String method, XmlRpc.Fault fault) {
        // -504 network and -505 timeout are the only ones that pass by themselves
        Reason reason = fault.code() == -504 || fault.code() == -505 ? Reason.UNREACHABLE : Reason.INVALID_REQUEST;
        return new CloudException(reason, "fault " + fault.code(),
                "OpenNebula " + method + " failed: XML-RPC fault " + fault.code() + ": " + fault.getMessage(), fault);
    }

    /** An HTTP answer other than 200, e.g. from a proxy in front of oned. */
    static CloudException httpStatus(String method, int status, String body) {
        Reason reason;
        if (status == 429 || status == 503) {
            reason = Reason.THROTTLED;
        } else if (status >= 500) {
            reason = Reason.UNREACHABLE;
        } else if (status == 401 || status == 403) {
            reason = Reason.NOT_AUTHORIZED;
        } else {
            reason = Reason.INVALID_REQUEST;
        }
        String excerpt = body.length() > 200 ? body.substring(0, 200) + "…" : body;
        return new CloudException(reason, "HTTP " + status, "OpenNebula " + method + " failed: HTTP " + status + " " + excerpt.strip());
    }
}
