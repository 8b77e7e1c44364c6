package org.conpaas.gateway.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The director files did not appear in time: the gateway cannot serve HTTPS. */
public class DirectorCertificateMissingException extends IllegalStateException {

    private final transient TlsProperties tls;

    DirectorCertificateMissingException(TlsProperties tls, List<Path> missing) {
        super("no director certificate in " + tls.directorDir().toAbsolutePath() + " after " + tls.startupWait().toSeconds()
                + " s: missing " + missing.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", ")));
        this.tls = tls;
    }

    TlsProperties tls() {
        return tls;
    }
}
