package org.conpaas.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the named benchmarks and appends their results to docs/benchmarks-history.md (docs/benchmarks.md is the summary, kept by hand). Every figure is
 * reported beside the physical limit measured on the same machine in the same run.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> names = args.length == 0 ? List.of("vpn", "ca", "nutshell", "nodes", "api") : List.of(args);
        Path report = Path.of(System.getProperty("conpaas.bench.report", "docs/benchmarks-history.md"));
        List<String> sections = new ArrayList<>();
        for (String name : names) {
            switch (name) {
                case "vpn" -> sections.add(new VpnAllocationBenchmark().run());
                case "nutshell" -> sections.add(new NutshellBenchmark().run());
                case "nodes" -> sections.add(new NodeStartBenchmark().run());
                case "api" -> sections.add(new ApiThroughputBenchmark().run());
                case "ca" -> sections.add(new CsrSigningBenchmark(CsrSigningBenchmark.keyTypeFromEnvironment()).run());
                case "events" -> sections.add(new EventPipelineBenchmark().run());
                case "store" -> sections.add(new EventStoreBenchmark().run());
                case "soak" -> sections.add(new SoakBenchmark().run());
                case "web" -> sections.add(new WebHostingBenchmark().run());
                case "mysql" -> sections.add(new MysqlBenchmark().run());
                case "cli" -> sections.add(new CliBenchmark().run());
                case "fleet" -> sections.add(new FleetBenchmark().run());
                default -> {
                    System.err.println("unknown benchmark '" + name + "': choose from vpn, nutshell, nodes, ca, api, events, store, soak, web, mysql, cli, fleet");
                    System.exit(2);
                }
            }
        }
        String header = "\n## " + LocalDate.now() + " — " + String.join(", ", names) + " ("
                + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.version") + ")\n";
        append(report, header + String.join("\n", sections));
        System.out.println(header + String.join("\n", sections));
        System.exit(0);
    }

    private static void append(Path report, String text) throws IOException {
        if (!Files.exists(report)) {
            Files.writeString(report, "# Benchmarks — history\n\nAppended by `./bench/run`; newest last.\n");
        }
        Files.writeString(report, text + "\n", StandardOpenOption.APPEND);
    }
}
