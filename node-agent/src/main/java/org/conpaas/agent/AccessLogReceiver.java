package org.conpaas.agent;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalDouble;

/**
 * Receives the proxy's access log from nginx as syslog over UDP on 127.0.0.1 (nginx, running as the
 * service user, cannot write into the agent's directory): each line goes to logs/proxy-access.log
 * (bounded by {@link RuntimeLogs}) and its {@code $request_time} into {@link ResponseTimes}.
 */
final class AccessLogReceiver implements AutoCloseable {

    static final String LOG = "proxy-access.log";

    private final DatagramSocket socket;
    private final ResponseTimes times = new ResponseTimes();
    private final RuntimeLogs logs;

    AccessLogReceiver(RuntimeLogs logs) throws SocketException {
        this.logs = logs;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread thread = new Thread(this::receive, "access-log");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    ResponseTimes times() {
        return times;
    }

    private void receive() {
        byte[] buffer = new byte[8192];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                continue;
            }
            String line = ResponseTimes.fromSyslog(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
            if (line == null) {
                continue;
            }
            OptionalDouble millis = ResponseTimes.requestMillis(line);
            if (millis.isPresent()) {
                times.record(System.currentTimeMillis(), millis.getAsDouble());
            }
            logs.append(LOG, line);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
