package org.conpaas.nutshell;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks before anything starts that the ports the nutshell will listen on are free. */
final class Ports {

    private Ports() {
    }

    static void requireFree(int port, String whose, String option) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException taken) {
            throw new NutshellOptions.UsageException("port " + port + " (" + whose + ") is in use by another program: "
                    + "stop it or choose " + option);
        }
    }
}
