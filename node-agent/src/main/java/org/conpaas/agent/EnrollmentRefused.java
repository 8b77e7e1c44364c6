package org.conpaas.agent;

/** The node cannot get its certificate: the token was used or expired, or the CA did not answer in time. Exit 3. */
final class EnrollmentRefused extends Exception {
    EnrollmentRefused(String message) {
        super(message);
    }
}
