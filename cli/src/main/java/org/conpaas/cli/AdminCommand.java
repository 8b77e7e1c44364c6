package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;

@Command(name = "admin", description = "Run the platform (administrators).")
class AdminCommand {

    @Spec
    CommandSpec spec;
    private final CpsConfig config;

    AdminCommand(CpsConfig config) {
        this.config = config;
    }

    @Command(name = "rotate-signing-key", description = "Make a new key sign the tokens; tokens of the old key keep "
            + "working until they expire, then the old key leaves the JWKS.")
    void rotateSigningKey(@Mixin OutputOptions output) {
        JsonNode rotated = new Director(config).post("/api/auth/signing-keys/rotate", null);
        if (output.structured()) {
            output.print(spec.commandLine().getOut(), rotated);
            return;
        }
        List<String> older = new ArrayList<>();
        rotated.path("publishedKeyIds").forEach(id -> {
            if (!id.asText().equals(rotated.path("signingKeyId").asText())) {
                older.add(id.asText());
            }
        });
        spec.commandLine().getOut().println("token-signing key rotated: " + rotated.path("signingKeyId").asText() + " signs now"
                + (older.isEmpty() ? "" : "; still published until their tokens expire: " + String.join(", ", older)));
    }
}
