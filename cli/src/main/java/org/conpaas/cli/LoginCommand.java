package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.Console;
import java.util.Map;

@Command(name = "login", description = "Log in to a ConPaaS director and remember the session in ~/.conpaas/cps.conf.")
class LoginCommand implements Runnable {

    @Spec
    CommandSpec spec;
    @Option(names = "--url", description = "the director, e.g. http://localhost:8080 (default: the last one)")
    String url;
    @Option(names = "--user", description = "your username (default: the last one)")
    String user;
    @Option(names = "--password-stdin", description = "read the password from standard input instead of prompting")
    boolean passwordStdin;

    private final CpsConfig config;

    LoginCommand(CpsConfig config) {
        this.config = config;
    }

    @Override
    public void run() {
        String director = url != null ? url.replaceAll("/+$", "") : config.get("url").orElseThrow(() ->
                new picocli.CommandLine.ParameterException(spec.commandLine(), "say where: --url http://host:8080"));
        String name = user != null ? user : config.get("user").orElseThrow(() ->
                new picocli.CommandLine.ParameterException(spec.commandLine(), "say who: --user NAME"));
        String password = password(name);
        config.put("url", director);
        JsonNode tokens = new Director(config).anonymous("POST", "/api/auth/login", Map.of("username", name, "password", password));
        config.put("user", name);
        config.put("token", tokens.path("accessToken").asText());
        config.put("refresh-token", tokens.path("refreshToken").asText());
        config.save();
        spec.commandLine().getOut().println("logged in to " + director + " as " + name);
    }

    private String password(String name) {
        {
            if (passwordStdin) {
                return Stdin.line("the password");
            }
            Console console = System.console();
            if (console == null) {
                throw new CliFailure("no terminal to ask for the password: use --password-stdin");
            }
            char[] typed = console.readPassword("password for %s: ", name);
            if (typed == null || typed.length == 0) {
                throw new CliFailure("no password given");
            }
            return new String(typed);
        }
    }
}
