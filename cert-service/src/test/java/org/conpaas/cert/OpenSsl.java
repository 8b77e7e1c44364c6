package org.conpaas.cert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the machine's real {@code openssl} binary, to check what the CA produces with a tool that is not ours. */
public final class OpenSsl {

    public record Result(int exitCode, String output) {
    }

    private OpenSsl() {
    }

    /** Runs {@code openssl args...} in {@code dir}; output is stdout and stderr together. */
    public static Result run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("openssl " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), output);
    }

    /** Runs openssl and returns its output, failing when it does not exit 0. */
    public static String ok(Path dir, String... args) throws IOException, InterruptedException {
        Result result = run(dir, args);
        if (result.exitCode() != 0) {
            throw new AssertionError("openssl " + String.join(" ", args) + " exited " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }
}
