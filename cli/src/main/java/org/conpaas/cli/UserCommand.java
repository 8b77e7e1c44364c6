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

@Command(name = "user", description = "Manage users (administrators).")
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
    void add(@Mixin OutputOptions output, @Parameters(paramLabel = "NAME") String name,
             @Option(names = "--email") String email,
             @Option(names = "--affiliation") String affiliation,
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
    void credit(@Mixin OutputOptions output, @Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "DELTA") long delta,
                @Option(names = "--reason") String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("delta", delta);
        body.put("reason", reason);
        output.print(spec.commandLine().getOut(), director().post("/api/users/" + idOf(name) + "/credit", body), COLUMNS);
    }

    @Command(name = "disable", description = "Stop a user from logging in.")
    void disable(@Mixin OutputOptions output, @Parameters(paramLabel = "NAME") String name) {
        output.print(spec.commandLine().getOut(), director().post("/api/users/" + idOf(name) + "/disable", null), COLUMNS);
    }

    @Command(name = "enable", description = "Let a disabled user log in again.")
    void enable(@Mixin OutputOptions output, @Parameters(paramLabel = "NAME") String name) {
        output.print(spec.commandLine().getOut(), director().post("/api/users/" + idOf(name) + "/enable", null), COLUMNS);
    }

    private String idOf(String name) {
        for (JsonNode user : director().get("/api/users")) {
            if (user.path("username").asText().equals(name) || user.path("id").asText().equals(name)) {
                return user.path("id").asText();
            }
        }
        throw new CliFailure("no user " + name);
    }

    private Director director() {
        return new Director(config);
    }
}
