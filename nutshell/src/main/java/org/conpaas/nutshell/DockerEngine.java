package org.conpaas.nutshell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few Docker Engine API calls the nutshell makes itself — does the engine answer, is the node
 * image there, which containers carry this deployment's label, remove them and the nodes' network —
 * over the engine's unix socket as HTTP/1.0 (the engine then closes after its answer: no chunks to
 * decode). provisioning-service's docker cloud does everything else with docker-java.
 */
final class DockerEngine {

    static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");
    private static final Pattern ID = Pattern.compile("\"Id\":\"([0-9a-f]{64})\"");

    private final Path socket;

    DockerEngine(Path socket) {
        this.socket = socket;
    }

    Path socket() {
        return socket;
    }

    record Answer(int status, String body) {
    }

    boolean answers() {
        try {
            return Files.exists(socket) && call("GET", "/_ping").status() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    boolean hasImage(String image) throws IOException {
        return call("GET", "/images/" + image + "/json").status() == 200;
    }

    /** Every container (running or not) labelled {@code key=value}. */
    List<String> containersLabelled(String key, String value) throws IOException {
        String filters = URLEncoder.encode("{\"label\":[\"" + key + "=" + value + "\"]}", StandardCharsets.UTF_8);
        Answer answer = call("GET", "/containers/json?all=1&filters=" + filters);
        if (answer.status() != 200) {
            throw new IOException("the Docker engine answered " + answer.status() + " listing containers: " + answer.body().strip());
        }
        List<String> ids = new ArrayList<>();
        Matcher matcher = ID.matcher(answer.body());
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    /** Removes the container with its anonymous volumes, running or not; one already gone is fine. */
    void removeContainer(String id) throws IOException {
        Answer answer = call("DELETE", "/containers/" + id + "?force=1&v=1");
        if (answer.status() != 204 && answer.status() != 404) {
            throw new IOException("the Docker engine answered " + answer.status() + " removing container " + id + ": "
                    + answer.body().strip());
        }
    }

    /** Removes the network unless containers still use it (another deployment's): true when it is gone. */
    boolean removeNetwork(String name) throws IOException {
        int status = call("DELETE", "/networks/" + name).status();
        return status == 204 || status == 404;
    }

    Answer call(String method, String path) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer request = ByteBuffer.wrap((method + " " + path + " HTTP/1.0\r\nHost: docker\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            while (request.hasRemaining()) {
                channel.write(request);
            }
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(16384);
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                response.write(buffer.array(), 0, buffer.limit());
                buffer.clear();
            }
            String text = response.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String[] statusLine = text.substring(0, Math.max(0, text.indexOf("\r\n"))).split(" ");
            if (end < 0 || statusLine.length < 2 || !statusLine[1].matches("[0-9]{3}")) {
                throw new IOException("the Docker engine at " + socket + " gave no HTTP answer to " + method + " " + path);
            }
            return new Answer(Integer.parseInt(statusLine[1]), text.substring(end + 4));
        }
    }
}
