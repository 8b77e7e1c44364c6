package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code cps service bind|unbind}: a php or java service's binding to a mysql service of its application. */
final class ServiceBindingCommands {

    private ServiceBindingCommands() {
    }

    /** The API path of the binding of the web service {@code target} to the mysql service named after it. */
    private static String bindingPath(CommandSpec spec, Director director, String app, List<String> words) {
        ServiceTarget target = ServiceTarget.of(spec, app, words, 1);
        if (target.rest().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "name the mysql service after the web service: APP WEB_SERVICE DB_SERVICE");
        }
        String web = ServicePath.of(director, target);
        String db = ServicePath.of(director, new ServiceTarget(target.app(), target.rest().get(0), List.of()));
        return web + "/bindings/" + db.substring(db.lastIndexOf('/') + 1);
    }

    private static String webPath(String bindingPath) {
        return bindingPath.substring(0, bindingPath.indexOf("/bindings/"));
    }

    @Command(name = "bind", description = "Bind a php or java service to a mysql service: its backends get an account of their own as"
            + " CONPAAS_MYSQL_HOST, _PORT, _DATABASE, _USER, _PASSWORD (a rolling restart).")
    static class Bind implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        ServiceCommand.Waiting waiting;
        @Option(names = "--app", paramLabel = "APP", description = "the application (name or id)")
        String app;
        @Option(names = "--database", paramLabel = "NAME", description = "the database the account has every right on, made if missing"
                + " (default: the web service's name)")
        String database;
        @Parameters(hideParamSyntax = true, paramLabel = "[APP] WEB_SERVICE DB_SERVICE", arity = "2..3",
                description = "the php or java service, after its application when --app is not given, then the mysql service")
        List<String> words;
        private final CpsConfig config;

        Bind(CpsConfig config) {
            this.config = config;
        }

        @Override
        public void run() {
            Director director = new Director(config);
            String path = bindingPath(spec, director, app, words);
            Map<String, Object> body = new LinkedHashMap<>();
            if (database != null) {
                body.put("database", database);
            }
            JsonNode accepted = director.put(path, body);
            ReleaseProgress.followUnlessNoWait(director, webPath(path), accepted, waiting, spec.commandLine().getOut());
        }
    }

    @Command(name = "unbind", description = "End a php or java service's binding to a mysql service: its account is dropped and its"
            + " backends restart without the CONPAAS_MYSQL_* variables.")
    static class Unbind implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        ServiceCommand.Waiting waiting;
        @Option(names = "--app", paramLabel = "APP", description = "the application (name or id)")
        String app;
        @Parameters(hideParamSyntax = true, paramLabel = "[APP] WEB_SERVICE DB_SERVICE", arity = "2..3",
                description = "the php or java service, after its application when --app is not given, then the mysql service")
        List<String> words;
        private final CpsConfig config;

        Unbind(CpsConfig config) {
            this.config = config;
        }

        @Override
        public void run() {
            Director director = new Director(config);
            String path = bindingPath(spec, director, app, words);
            JsonNode accepted = director.delete(path);
            ReleaseProgress.followUnlessNoWait(director, webPath(path), accepted, waiting, spec.commandLine().getOut());
        }
    }
}
