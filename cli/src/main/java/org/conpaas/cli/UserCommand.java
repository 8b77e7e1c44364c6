package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "user", description = "Manage users (administrators); get your own certificate.")
class UserCommand {

    private static final String[] COLUMNS = {"username", "role", "credit", "enabled", "email", "id"};

    @Spec
    CommandSpec spec;
    private final CpsConfig config;

    UserCommand(CpsConfig config) {
        this.config = config;
    }

    @Command(name = "list", description = "List all users.")
    void list(@Mixin OutputOptions output) {
        output.print(spec.commandLine().getOut(), director().get("/api/users"), COLUMNS);
    }

    @Command(name = "add", description = "Add a user (the old cpsadduser).")
    void add(@Mixin OutputOptions output, @Parameters(paramLabel = "NAME", description = "the new user's username") String name,
             @Option(names = "--email", description = "their e-mail address") String email,
             @Option(names = "--affiliation", description = "their university or company") String affiliation,
             @Option(names = "--role", defaultValue = "user", description = "user or admin") String role,
             @Option(names = "--credit", description = "starting credit (default: the deployment's)") Long credit,
             @Option(names = "--password-stdin", required = true, description = "read the new user's password from standard input") boolean stdin) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", name);
        body.put("password", Stdin.line("the new user's password"));
        body.put("email", email);
        body.put("affiliation", affiliation);
        body.put("role", role);
        body.put("credit", credit);
        output.print(spec.commandLine().getOut(), director().post("/api/users", body), COLUMNS);
    }

    @Command(name = "credit", description = "Add credit to a user (negative to take some).")
    void credit(@Mixin OutputOptions output, @Parameters(paramLabel = "NAME", description = "the username") String name,
                @Parameters(paramLabel = "DELTA", description = "credits to add (negative: to take)") long delta,
                @Option(names = "--reason", description = "why, for the user's credit history") String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("delta", delta);
        body.put("reason", reason);
        output.print(spec.commandLine().getOut(), director().post("/api/users/" + idOf(name) + "/credit", body), COLUMNS);
    }

    @Command(name = "disable", description = "Stop a user from logging in.")
    void disable(@Mixin OutputOptions output, @Parameters(paramLabel = "NAME", description = "the username") String name) {
        output.print(spec.commandLine().getOut(), director().post("/api/users/" + idOf(name) + "/disable", null), COLUMNS);
    }

    @Command(name = "enable", description = "Let a disabled user log in again.")
    void enable(@Mixin OutputOptions output, @Parameters(paramLabel = "NAME", description = "the username") String name) {
        output.print(spec.commandLine().getOut(), director().post("/api/users/" + idOf(name) + "/enable", null), COLUMNS);
    }

    private String idOf(String name) {
        return director().userId(name);
    }

    private Director director() {
        return new Director(config);
    }

    /** At most one way to get the certificate: a PKCS#12 password (option or stdin) or a CSR. */
    static class CertificateSource {
        @Option(names = "--password", paramLabel = "P", description = "also write a PKCS#12 bundle (user.p12) protected by P "
                + "(visible in ps and shell history: prefer --password-stdin)")
        String password;
        @Option(names = "--password-stdin", description = "read the PKCS#12 password from standard input")
        boolean passwordStdin;
        @Option(names = "--csr", paramLabel = "FILE", description = "a PEM certificate request to sign instead of generating a key")
        java.nio.file.Path csr;
    }

    @Command(name = "get-certificate", description = "Get a client certificate naming you (for curl --cert or a browser): "
            + "user.key, user.pem and the CA chain ca.pem, plus user.p12 with a password; or sign your own CSR with --csr.")
    void getCertificate(@Mixin OutputOptions output,
                        @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "directory to write into (default: here)")
                        java.nio.file.Path out,
                        @picocli.CommandLine.ArgGroup(exclusive = true) CertificateSource source) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        if (source != null && source.csr != null) {
            if (!java.nio.file.Files.isRegularFile(source.csr)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "no file " + source.csr + ": --csr takes a PEM certificate request");
            }
            try {
                body.put("csr", java.nio.file.Files.readString(source.csr));
            } catch (java.io.IOException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "cannot read " + source.csr + ": " + e.getMessage());
            }
        }
        if (source != null && source.password != null) {
            if (source.password.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--password must not be empty");
            }
            body.put("password", source.password);
        }
        if (source != null && source.passwordStdin) {
            body.put("password", Stdin.line("the PKCS#12 password"));
        }
        JsonNode issued = new Director(config).post("/api/ca/user-certificate", body);
        java.util.List<String> written = new java.util.ArrayList<>();
        try {
            java.nio.file.Files.createDirectories(out);
            written.add(write(out.resolve("user.pem"), issued.path("certificatePem").asText().getBytes(), "rw-r--r--"));
            written.add(write(out.resolve("ca.pem"), issued.path("caChainPem").asText().getBytes(), "rw-r--r--"));
            if (issued.hasNonNull("privateKeyPem")) {
                written.add(write(out.resolve("user.key"), issued.get("privateKeyPem").asText().getBytes(), "rw-------"));
            }
            if (issued.hasNonNull("pkcs12Base64")) {
                written.add(write(out.resolve("user.p12"), java.util.Base64.getDecoder().decode(issued.get("pkcs12Base64").asText()), "rw-------"));
            }
        } catch (java.io.IOException e) {
            throw new CliFailure("cannot write into " + out + ": " + e.getMessage());
        }
        if (output.structured()) {
            com.fasterxml.jackson.databind.node.ObjectNode summary = Director.JSON.createObjectNode();
            for (String field : new String[]{"serial", "subject", "role", "notBefore", "notAfter"}) {
                summary.set(field, issued.path(field));
            }
            written.forEach(summary.putArray("files")::add);
            output.print(spec.commandLine().getOut(), summary);
            return;
        }
        spec.commandLine().getOut().println("certificate " + issued.path("serial").asText() + " for " + issued.path("subject").asText()
                + ", valid until " + issued.path("notAfter").asText() + ": " + String.join(", ", written));
    }

    private static String write(java.nio.file.Path file, byte[] content, String permissions) throws java.io.IOException {
        java.nio.file.Files.deleteIfExists(file);
        java.nio.file.Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString(permissions)));
        java.nio.file.Files.write(file, content);
        return file.toAbsolutePath().toString();
    }
}
