package org.conpaas.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** One line from standard input (passwords are never options: they would show in ps and history). */
final class Stdin {

    private Stdin() {
    }

    static String line(String what) {
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new CliFailure("expected " + what + " on standard input");
            }
            return line;
        } catch (IOException e) {
            throw new CliFailure("cannot read " + what + ": " + e.getMessage());
        }
    }
}
