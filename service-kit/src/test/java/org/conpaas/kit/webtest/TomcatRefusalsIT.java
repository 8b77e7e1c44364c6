package org.conpaas.kit.webtest;

import org.conpaas.kit.test.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Tomcat refuses before Spring sees it (a malformed request line, an illegal character in
 * the path, a URI or headers too large) is problem+json, not Tomcat's HTML page or an empty body.
 */
@ServiceIntegrationTest
class TomcatRefusalsIT {

    @LocalServerPort
    int port;

    @Test
    void malformedRequestsAreProblems() throws IOException {
        assertProblem(raw("GET /api/orders|x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"), 400);
        assertProblem(raw("GARBAGE\r\n\r\n"), 400);
        assertProblem(raw("GET /api/orders HTTP/1.1\r\nHost: a\r\nBad Header: x\r\nConnection: close\r\n\r\n"), 400);
    }

    @Test
    void tooLargeUrisAndHeadersAreProblems() throws IOException {
        String uri = raw("GET /api/" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        assertThat(status(uri)).isIn(400, 414);
        assertProblem(uri, status(uri));
        String headers = raw("GET /api/orders HTTP/1.1\r\nHost: a\r\nX-Big: " + "y".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
        assertThat(status(headers)).isIn(400, 431);
        assertProblem(headers, status(headers));
    }

    private static void assertProblem(String response, int status) {
        assertThat(status(response)).as(response).isEqualTo(status);
        String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase();
        assertThat(head).as(response).contains("content-type: application/problem+json");
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertThat(body).as(response).contains("\"status\":" + status);
        assertThat(HostileBodiesIT.detail(body)).as(response).isNotBlank().doesNotContainPattern(HostileBodiesIT.INTERNALS);
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}
