package org.conpaas.bench;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RabbitMQ's own load generator, PerfTest (com.rabbitmq:perf-test), against the same broker: one
 * producer and one consumer, persistent messages into a durable queue, publisher confirms with at
 * most N unconfirmed, for a fixed time. Run as a child JVM because PerfTest's main ends with
 * System.exit, and on a classpath of its own because its metrics registries would change what
 * Spring Boot configures in the benchmarks' JVM.
 */
final class BrokerPerfTest {

    record Result(double perSecond, double p50Millis, double p99Millis, double confirmP50Millis, double confirmP99Millis,
                  String command) {
    }

    private static final Pattern RATE = Pattern.compile("sending rate avg: (\\d+) msg/s");
    private static final Pattern CONSUMER = Pattern.compile("consumer latency min/median/75th/95th/99th (\\d+)/(\\d+)/\\d+/\\d+/(\\d+) µs");
    private static final Pattern CONFIRM = Pattern.compile("confirm latency min/median/75th/95th/99th (\\d+)/(\\d+)/\\d+/\\d+/(\\d+) µs");

    private BrokerPerfTest() {
    }

    static Result run(int maxUnconfirmed, int bodyBytes, int seconds) throws Exception {
        String name = "bench.perftest." + UUID.randomUUID().toString().substring(0, 8);
        List<String> options = List.of("-h", BenchBroker.URL, "-e", name, "-t", "direct", "-u", name, "-k", name,
                "-x", "1", "-y", "1", "-f", "persistent", "-c", String.valueOf(maxUnconfirmed),
                "-s", String.valueOf(bodyBytes), "-z", String.valueOf(seconds));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(javaBin, "-Xmx256m", "-cp", classpath(), "com.rabbitmq.perf.PerfTest"));
        command.addAll(options);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("PerfTest failed: " + output);
            }
            Matcher rate = find(RATE, output);
            Matcher consumer = find(CONSUMER, output);
            Matcher confirm = find(CONFIRM, output);
            return new Result(Double.parseDouble(rate.group(1)), micros(consumer, 2), micros(consumer, 3),
                    micros(confirm, 2), micros(confirm, 3), "PerfTest " + String.join(" ", options.subList(2, options.size()))
                    .replace(name, "bench.perftest"));
        } finally {
            try (Connection c = BenchBroker.connect("bench-cleanup"); Channel channel = c.createChannel()) {
                channel.queueDelete(name);
                channel.exchangeDelete(name);
            }
        }
    }

    /** This JVM's classpath (amqp-client, …) plus PerfTest's own jars, which ./bench/run keeps off it. */
    private static String classpath() {
        String perfTest = System.getProperty("conpaas.bench.perftest.classpath");
        if (perfTest == null || perfTest.isBlank()) {
            throw new IllegalStateException("no -Dconpaas.bench.perftest.classpath: run the events benchmark with ./bench/run events");
        }
        return System.getProperty("java.class.path") + java.io.File.pathSeparator + perfTest;
    }

    private static Matcher find(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("PerfTest printed no '" + pattern + "': " + output);
        }
        return m;
    }

    private static double micros(Matcher m, int group) {
        return Long.parseLong(m.group(group)) / 1000.0;
    }
}
