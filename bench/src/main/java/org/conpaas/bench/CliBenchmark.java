package org.conpaas.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Issue 20's measure: how long a cps command takes from the shell, as ./cps runs it (a plain class
 * path, the class-data sharing archive, C1 only), against a nutshell on this machine — the median
 * and slowest of 10 runs each — beside the floors measured in the same run: {@code java -version}
 * (a JVM that starts and ends) and the same commands from the self-contained jar without those
 * settings (how cps ran before). The target is under 0.5 s for a command that makes one API call.
 */
final class CliBenchmark {

    private static final int RUNS = 10;

    String run() throws Exception {
        Path cps = Path.of("cps").toAbsolutePath();
        Path execJar;
        try (var files = Files.list(Path.of("cli/target"))) {
            execJar = files.filter(f -> f.toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build first: ./mvnw -DskipTests package"));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path config = Files.createTempFile("cps-bench", ".conf");
        Files.delete(config);
        try (RunningNutshell nutshell = new RunningNutshell("--nodes", "local")) {
            nutshell.awaitHealthy();
            String token = nutshell.adminToken();
            String app = nutshell.json("POST", "/api/apps", token, "{\"name\":\"bench-cli\"}").get("id").asText();
            nutshell.json("POST", "/api/apps/" + app + "/services", token, "{\"type\":\"generic\",\"name\":\"workers\"}");
            String password = Files.readString(nutshell.data.resolve("admin-password")).strip();
            Map<String, String> env = Map.of("CPS_CONFIG", config.toString());
            int login = run(List.of(cps.toString(), "login", "--url", "https://127.0.0.1:" + nutshell.port, "--user", "admin",
                    "--password-stdin", "--cacert", nutshell.data.resolve("director").resolve("ca.pem").toString()), env, password);
            if (login != 0) {
                throw new IllegalStateException("cps login failed");
            }
            run(List.of(cps.toString(), "--version"), env, null); // the class-data sharing archive is made on first use
            StringBuilder table = new StringBuilder("| command | API calls | ./cps median / slowest (ms) | self-contained jar, no CDS: median (ms) |\n"
                    + "|---|---|---|---|\n");
            long[] floor = times(List.of(java, "-version"), env);
            List<List<String>> commands = List.of(List.of("--version"), List.of("whoami"), List.of("catalog"), List.of("app", "list"),
                    List.of("service", "list", "bench-cli"));
            List<String> calls = List.of("0", "1", "1", "1 + 1 per application", "2");
            for (int i = 0; i < commands.size(); i++) {
                List<String> fast = new ArrayList<>(List.of(cps.toString()));
                fast.addAll(commands.get(i));
                List<String> plain = new ArrayList<>(List.of(java, "-jar", execJar.toString()));
                plain.addAll(commands.get(i));
                long[] withCds = times(fast, env);
                long[] without = times(plain, env);
                table.append(String.format("| `cps %s` | %s | %d / %d | %d |%n", String.join(" ", commands.get(i)), calls.get(i),
                        withCds[0], withCds[1], without[0]));
            }
            table.append(String.format("| floor: `java -version` | 0 | %d / %d | |%n", floor[0], floor[1]));
            return "### cps: time per command from the shell (median and slowest of " + RUNS + " runs)\n\n" + table
                    + "\n" + Runtime.getRuntime().availableProcessors() + " cores; the director is a nutshell on this machine (HTTPS on"
                    + " loopback), logged in as admin.\n";
        } finally {
            Files.deleteIfExists(config);
        }
    }

    /** Median and slowest wall time in milliseconds of RUNS runs; each must succeed. */
    private static long[] times(List<String> command, Map<String, String> env) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            int exit = run(command, env, null);
            millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
            }
        }
        Collections.sort(millis);
        return new long[]{millis.get(RUNS / 2), millis.get(RUNS - 1)};
    }

    private static int run(List<String> command, Map<String, String> env, String stdin) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        if (stdin == null) {
            builder.redirectInput(new File("/dev/null"));
        }
        Process p = builder.start();
        if (stdin != null) {
            p.getOutputStream().write((stdin + "\n").getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " took over a minute");
        }
        return p.exitValue();
    }
}
