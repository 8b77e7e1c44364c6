package org.conpaas.gateway.tls;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start without the director certificate ends with what to do, not a stack trace. */
class DirectorCertificateFailureAnalyzer extends AbstractFailureAnalyzer<DirectorCertificateMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, DirectorCertificateMissingException cause) {
        String dir = cause.tls().directorDir().toAbsolutePath().toString();
        return new FailureAnalysis(cause.getMessage() + ". The gateway serves HTTPS with director.pem, director.key and ca.pem from "
                + dir + " (conpaas.gateway.tls.director-dir), which cert-service writes at its start.",
                "Start cert-service with conpaas.public-url and conpaas.ca.director-dir=" + dir
                        + " (the same directory, shared with the gateway), or wait longer (conpaas.gateway.tls.startup-wait), "
                        + "or serve plain HTTP with conpaas.gateway.tls.enabled=false (no client certificates then).",
                cause);
    }
}
