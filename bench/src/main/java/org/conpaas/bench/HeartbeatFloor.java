package org.conpaas.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The limit the fleet's heartbeats are set beside: an HTTPS server on loopback that asks for the
 * same client certificate (chained to the same CA), reads the node id from it, parses the same
 * JSON report and answers RUN: what a heartbeat costs this machine before any platform work
 * (no gateway hop, no database, no event store).
 */
final class HeartbeatFloor implements AutoCloseable {

    private static final byte[] RUN = "{\"desired\":\"RUN\",\"codeVersion\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    final X509Certificate certificate;
    private final KeyPair keys;
    private final LoopResources loop = LoopResources.create("floor", 2, true);
    private DisposableServer server;

    HeartbeatFloor() throws Exception {
        keys = SimulatedAgent.newKeys();
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=heartbeat floor"), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(1))), new X500Name("CN=heartbeat floor"),
                keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    /** Listens, asking for client certificates of {@code ca}; its base URI. */
    URI start(X509Certificate ca) throws Exception {
        var tls = SslContextBuilder.forServer(keys.getPrivate(), certificate).trustManager(ca).clientAuth(ClientAuth.REQUIRE).build();
        server = HttpServer.create().host("127.0.0.1").port(0).runOn(loop).secure(spec -> spec.sslContext(tls))
                .route(routes -> routes.post("/api/nodes/{id}/heartbeat", (request, response) -> {
                    String[] node = new String[1];
                    request.withConnection(connection -> {
                        try {
                            X509Certificate client = (X509Certificate) connection.channel().pipeline().get(SslHandler.class)
                                    .engine().getSession().getPeerCertificates()[0];
                            node[0] = client.getSubjectX500Principal().getName();
                        } catch (SSLPeerUnverifiedException e) {
                            node[0] = null;
                        }
                    });
                    String id = request.param("id");
                    return request.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> {
                        try {
                            JsonNode report = RunningNutshell.JSON.readTree(body);
                            boolean own = node[0] != null && node[0].contains("CN=" + id);
                            if (!own || !report.hasNonNull("state")) {
                                return response.status(own ? 400 : 403).send().then();
                            }
                            return response.header("Content-Type", "application/json")
                                    .sendByteArray(Mono.just(RUN)).then();
                        } catch (Exception unreadable) {
                            return response.status(400).send().then();
                        }
                    });
                })).bindNow();
        return URI.create("https://127.0.0.1:" + server.port());
    }

    @Override
    public void close() {
        if (server != null) {
            server.disposeNow();
        }
        loop.dispose();
    }
}
