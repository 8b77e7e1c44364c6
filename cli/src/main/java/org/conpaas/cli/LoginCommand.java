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
    @Option(names = "--url", description = "the director, e.g. https://127.0.0.1:8080 (default: the last one)")
    String url;
    @Option(names = "--user", description = "your username (default: the last one)")
    String user;
    @Option(names = "--password-stdin", description = "read the password from standard input instead of prompting")
    boolean passwordStdin;
    @Option(names = "--cacert", description = "the ConPaaS CA certificate (PEM) to trust the director's HTTPS certificate by "
            + "(the nutshell prints where it is); default: the one given before for this director, else the system's "
            + "trusted CAs, else the CA certificate the director presents, trusted on first use (its SHA-256 fingerprint is printed)")
    java.nio.file.Path cacert;
    @Option(names = "--sso", arity = "0..1", fallbackValue = "", paramLabel = "PROVIDER",
            description = "sign in through an identity provider in your browser (single sign-on) instead of a password; "
                    + "PROVIDER when the director offers several")
    String sso;

    private final CpsConfig config;

    LoginCommand(CpsConfig config) {
        this.config = config;
    }

    @Override
    public void run() {
        String director = url != null ? url.replaceAll("/+$", "") : config.get("url").orElseThrow(() ->
                new picocli.CommandLine.ParameterException(spec.commandLine(), "say where: --url http://host:8080"));
        String name = sso != null ? null : user != null ? user : config.get("user").orElseThrow(() ->
                new picocli.CommandLine.ParameterException(spec.commandLine(), "say who: --user NAME"));
        if (cacert != null && !java.nio.file.Files.isRegularFile(cacert)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "no file " + cacert + ": --cacert takes the CA certificate (PEM), e.g. ~/.conpaas/nutshell/director/ca.pem");
        }
        String password = sso != null ? null : password(name);
        boolean sameDirector = config.get("url").map(director::equals).orElse(false);
        config.put("url", director);
        if (cacert != null) {
            config.put("cacert", cacert.toAbsolutePath().toString());
        } else if (!sameDirector || config.get("cacert").isEmpty()) {
            // another director: the CA trusted for the last one does not apply
            config.put("cacert", null);
            if (director.startsWith("https://")) {
                java.nio.file.Path stored = TrustOnFirstUse.caFor(director, config.file().toAbsolutePath().getParent(),
                        spec.commandLine().getOut());
                config.put("cacert", stored == null ? null : stored.toString());
            }
        }
        JsonNode tokens = sso != null ? SsoLogin.signIn(new Director(config), sso, spec.commandLine().getOut())
                : new Director(config).anonymous("POST", "/api/auth/login", Map.of("username", name, "password", password));
        config.put("token", tokens.path("accessToken").asText());
        config.put("refresh-token", tokens.path("refreshToken").asText());
        if (sso != null) {
            name = new Director(config).get("/api/me").path("username").asText();
        }
        config.put("user", name);
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
