package org.conpaas.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Map;

/**
 * Gives every command {@code -h/--help} and an example under its usage, so {@code cps COMMAND --help},
 * {@code cps COMMAND SUB --help} and {@code cps help COMMAND SUB} all show the same page.
 */
final class HelpText {

    /** An example per command, by its name under cps; a test fails when a command has none. */
    static final Map<String, String> EXAMPLES = Map.ofEntries(
            Map.entry("", "cps login --url https://127.0.0.1:8080 --user alice && cps app list"),
            Map.entry("login", "echo \"$PW\" | cps login --url https://127.0.0.1:8080 --cacert ca.pem --user alice --password-stdin"),
            Map.entry("logout", "cps logout"),
            Map.entry("audit", "cps audit --app shop --since 2h"),
            Map.entry("whoami", "cps whoami -o json"),
            Map.entry("user", "cps user list"),
            Map.entry("user list", "cps user list -o yaml"),
            Map.entry("user add", "echo \"$PW\" | cps user add carol --email carol@example.org --password-stdin --credit 20"),
            Map.entry("user credit", "cps user credit carol 25 --reason course"),
            Map.entry("user disable", "cps user disable carol"),
            Map.entry("user enable", "cps user enable carol"),
            Map.entry("user get-certificate", "echo \"$P12_PASSWORD\" | cps user get-certificate --password-stdin --out ~/certs"),
            Map.entry("admin", "cps admin rotate-signing-key"),
            Map.entry("admin rotate-signing-key", "cps admin rotate-signing-key"),
            Map.entry("app", "cps app create shop && cps app list"),
            Map.entry("app create", "cps app create shop"),
            Map.entry("app list", "cps app list -o json"),
            Map.entry("app show", "cps app show shop"),
            Map.entry("app rename", "cps app rename shop web-shop"),
            Map.entry("app delete", "cps app delete shop --timeout 300"),
            Map.entry("service", "cps service add shop generic --name workers && cps service start shop workers --nodes 2"),
            Map.entry("service types", "cps service types"),
            Map.entry("service add", "cps service add --app shop --type generic --name workers --cloud local"),
            Map.entry("service list", "cps service list shop"),
            Map.entry("service show", "cps service show shop workers -o yaml"),
            Map.entry("service rename", "cps service rename shop workers crunchers"),
            Map.entry("service start", "cps service start shop workers --nodes 3"),
            Map.entry("service add-nodes", "cps service add-nodes shop workers 2"),
            Map.entry("service remove-nodes", "cps service remove-nodes shop workers --count 1"),
            Map.entry("service scale", "cps service scale shop workers 4"),
            Map.entry("service stop", "cps service stop shop workers --no-wait"),
            Map.entry("service remove", "cps service remove shop workers"),
            Map.entry("service upload", "cps service upload shop workers code.zip"),
            Map.entry("service logs", "cps service logs shop site --follow"),
            Map.entry("service versions", "cps service versions shop site"),
            Map.entry("service enable", "cps service enable shop site 2"),
            Map.entry("service download", "cps service download shop site --version 2 -f site-v2.zip"),
            Map.entry("service env", "cps service env set shop site GREETING=hello && cps service env list shop site"),
            Map.entry("service env list", "cps service env list shop site -o json"),
            Map.entry("service env set", "cps service env set shop site DB_PASSWORD=\"$PW\" --secret"),
            Map.entry("service env unset", "cps service env unset shop site GREETING"),
            Map.entry("service health-check", "cps service health-check shop site /health"),
            Map.entry("service autoscale", "cps service autoscale shop site --target-response-ms 200 --min 1 --max 5"),
            Map.entry("service weight", "cps service weight shop site 3f2a 3"),
            Map.entry("service mysql", "cps service mysql show shop db"),
            Map.entry("service mysql show", "cps service mysql show shop db -o json"),
            Map.entry("service mysql password", "cps service mysql password shop db"),
            Map.entry("service mysql dump", "cps service mysql dump shop db -f shop.sql.gz"),
            Map.entry("service mysql load", "cps service mysql load shop db shop.sql.gz"),
            Map.entry("service mysql archives", "cps service mysql archives shop db"),
            Map.entry("service restore", "cps service restore shop db2 --from 5f0c…"),
            Map.entry("service bind", "cps service bind shop web db"),
            Map.entry("service unbind", "cps service unbind shop web db"),
            Map.entry("push", "cps push -f conpaas.yml"),
            Map.entry("app export", "cps app export shop -d shop-export"),
            Map.entry("catalog", "cps catalog"),
            Map.entry("cloud", "cps cloud list"),
            Map.entry("cloud list", "cps cloud list -o json"),
            Map.entry("node", "cps node list --state RUNNING"),
            Map.entry("node list", "cps node list --cloud local --state RUNNING"),
            Map.entry("check", "cps check"),
            Map.entry("help", "cps help service scale"),
            Map.entry("completion", "source <(cps completion bash)   # zsh: source <(cps completion zsh); fish: cps completion fish | source"));

    private HelpText() {
    }

    /** Adds the help options and the example to {@code spec} and every command under it. */
    static void apply(CommandSpec spec) {
        if (spec.optionsMap().get("--help") == null) {
            spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("show this help: every option, and an example").build());
        }
        String example = EXAMPLES.get(path(spec));
        if (example != null) {
            spec.usageMessage().footerHeading("%nExample:%n").footer("  " + example.replace("%", "%%"));
        }
        spec.subcommands().values().forEach(sub -> {
            if (sub.getCommandSpec() != spec && sub.getCommandSpec().parent() == spec) {
                apply(sub.getCommandSpec());
            }
        });
    }

    /** {@code service scale} for cps service scale; empty for cps itself. */
    static String path(CommandSpec spec) {
        String qualified = spec.qualifiedName(" ");
        int space = qualified.indexOf(' ');
        return space < 0 ? "" : qualified.substring(space + 1);
    }
}
