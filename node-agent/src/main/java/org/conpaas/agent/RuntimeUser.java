package org.conpaas.agent;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The user nginx, PHP-FPM, Tomcat and memcached run as: the {@link ServiceUser} when the node has
 * one (they serve and execute the tenant's code), else the agent's own user (the local cloud).
 * Their state (temporary files, sockets, CATALINA_BASE, configuration) lives in a directory that
 * user owns: {@code <service-home>/.conpaas-runtime}, else {@code <work-dir>/runtime}. The agent
 * holds no CAP_CHOWN, so with a service user it makes those directories and files <em>as</em>
 * that user (through setpriv), never in its own work directory, which they cannot read.
 */
final class RuntimeUser {

    private static final long COMMAND_SECONDS = 30;

    private final Optional<ServiceUser> user;
    private final Path stateDir;

    RuntimeUser(Optional<ServiceUser> user, Path workDir) {
        this.user = user;
        this.stateDir = user.map(u -> u.home().resolve(".conpaas-runtime")).orElse(workDir.resolve("runtime"));
    }

    Optional<ServiceUser> serviceUser() {
        return user;
    }

    /** The runtimes' own directory. */
    Path stateDir() {
        return stateDir;
    }

    /** True when the runtimes would run as root: never for tenant code. */
    boolean wouldBeRoot() {
        if (user.isPresent()) {
            return false;
        }
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** {@code directories} (and their parents), as this user, mode 0700. */
    void directories(Path... directories) throws IOException {
        List<String> command = new ArrayList<>(List.of("mkdir", "-p", "-m", "0700"));
        for (Path directory : directories) {
            command.add(directory.toString());
        }
        run(command, null);
    }

    /** Writes {@code content} to {@code file} as this user, mode 0600. */
    void write(Path file, String content) throws IOException {
        if (user.isEmpty()) {
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.deleteIfExists(partial);
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(partial, content, StandardCharsets.UTF_8);
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        run(List.of("sh", "-c", "umask 077 && cat > \"$1.partial\" && mv -f \"$1.partial\" \"$1\"", "sh", file.toString()), content);
    }

    /** {@code command} as this user (through setpriv with no capability when it is the service user). */
    List<String> command(List<String> command) {
        return user.map(u -> u.wrap(command)).orElse(command);
    }

    /**
     * A runtime process as this user: {@code environment} only (plus PATH, HOME, LANG), stdin from
     * /dev/null, stdout and stderr appended to {@code log}.
     */
    ProcessBuilder process(List<String> command, Map<String, String> environment, Path log) {
        // "/" as working directory: the agent cannot enter the service user's home to start a process in it
        ProcessBuilder builder = new ProcessBuilder(command(command)).directory(new File("/")).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> variables = builder.environment();
        variables.clear();
        variables.put("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        variables.put("HOME", user.map(u -> u.home().toString()).orElse(stateDir.toString()));
        variables.put("LANG", "C.UTF-8");
        variables.putAll(environment);
        return builder;
    }

    /** {@code command} as this user with its standard streams left to the caller (piped), PATH only in its environment. */
    ProcessBuilder piped(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command(command)).directory(new File("/"));
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("LANG", "C.UTF-8");
        return builder;
    }

    /** Runs {@code command} as this user to its end and returns its output; IOException with that output when it fails. */
    String run(List<String> command, String input) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(command)).directory(new File("/")).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            if (input != null) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (process.exitValue() != 0) {
            throw new IOException(command.get(0) + " failed as the runtime user (exit " + process.exitValue() + "): "
                    + AgentSettings.abbreviate(output));
        }
        return output;
    }
}
