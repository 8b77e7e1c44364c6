package org.conpaas.gateway.web;

/** A request body over the gateway's limit. */
class PayloadTooLargeException extends RuntimeException {
    PayloadTooLargeException(long limit, String what) {
        super("the request body " + what + "; at most " + limit + " bytes are accepted");
    }
}
