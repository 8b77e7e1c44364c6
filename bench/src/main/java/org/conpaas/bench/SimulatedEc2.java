package org.conpaas.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The part of the EC2 Query API provisioning-service's ec2 driver speaks (RunInstances,
 * DescribeInstances by id or by tag and state, TerminateInstances), on loopback: an instance
 * "boots" by handing its user-data to the fleet, which starts a simulated agent for it, and
 * terminating it stops that agent. The fleet benchmark's cloud; nothing leaves the machine.
 */
final class SimulatedEc2 implements AutoCloseable {

    private record Instance(String id, String userData, Map<String, String> tags, String address, String state) {

        Instance terminated() {
            return new Instance(id, userData, tags, address, "terminated");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Map<String, Instance> instances = new ConcurrentHashMap<>();
    private final AtomicLong numbers = new AtomicLong();
    private final BiConsumer<String, String> boot;
    private final Consumer<String> halt;

    /** {@code boot} gets an instance id and its user-data, {@code halt} the id of a terminated instance. */
    SimulatedEc2(BiConsumer<String, String> boot, Consumer<String> halt) throws IOException {
        this.boot = boot;
        this.halt = halt;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    long running() {
        return instances.values().stream().filter(i -> i.state().equals("running")).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            MultiValueMap<String, String> form = UriComponentsBuilder.fromUriString("/?" + body).build().getQueryParams();
            Map<String, List<String>> params = new LinkedHashMap<>();
            form.forEach((key, values) -> params.put(decode(key), values.stream().map(SimulatedEc2::decode).toList()));
            String action = first(params, "Action");
            String answer;
            int status = 200;
            switch (action == null ? "" : action) {
                case "RunInstances" -> answer = run(params);
                case "DescribeInstances" -> {
                    List<String> ids = indexed(params, "InstanceId.");
                    if (ids.stream().anyMatch(id -> !instances.containsKey(id))) {
                        status = 400;
                        answer = error("InvalidInstanceID.NotFound", "The instance IDs '" + String.join(", ", ids) + "' do not exist");
                    } else {
                        answer = describe(ids.isEmpty() ? filtered(params) : ids.stream().map(instances::get).toList());
                    }
                }
                case "TerminateInstances" -> answer = terminate(indexed(params, "InstanceId."));
                default -> {
                    status = 400;
                    answer = error("InvalidAction", "The action " + action + " is not valid for this web service.");
                }
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private String run(Map<String, List<String>> params) {
        long number = numbers.incrementAndGet();
        String id = String.format("i-0%016x", number);
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; params.containsKey("TagSpecification.1.Tag." + i + ".Key"); i++) {
            tags.put(first(params, "TagSpecification.1.Tag." + i + ".Key"), first(params, "TagSpecification.1.Tag." + i + ".Value"));
        }
        String userData = new String(Base64.getDecoder().decode(first(params, "UserData")), StandardCharsets.UTF_8);
        Instance instance = new Instance(id, userData, tags, "10." + (number >> 16 & 255) + "." + (number >> 8 & 255) + "." + (number & 255),
                "running");
        instances.put(id, instance);
        boot.accept(id, userData);
        return "<RunInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r" + number
                + "</requestId><reservationId>r-" + id.substring(2) + "</reservationId><ownerId>123456789012</ownerId><instancesSet>"
                + item(instance) + "</instancesSet></RunInstancesResponse>";
    }

    private List<Instance> filtered(Map<String, List<String>> params) {
        Map<String, Set<String>> filters = new LinkedHashMap<>();
        for (int i = 1; params.containsKey("Filter." + i + ".Name"); i++) {
            filters.put(first(params, "Filter." + i + ".Name"), Set.copyOf(indexed(params, "Filter." + i + ".Value.")));
        }
        List<Instance> matching = new ArrayList<>();
        for (Instance instance : instances.values()) {
            boolean matches = filters.entrySet().stream().allMatch(filter -> filter.getKey().equals("instance-state-name")
                    ? filter.getValue().contains(instance.state())
                    : !filter.getKey().startsWith("tag:") || filter.getValue().contains(instance.tags().get(filter.getKey().substring(4))));
            if (matches) {
                matching.add(instance);
            }
        }
        return matching;
    }

    private static String describe(List<Instance> found) {
        StringBuilder xml = new StringBuilder("<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                + "<requestId>d</requestId><reservationSet>");
        for (Instance instance : found) {
            xml.append("<item><reservationId>r-").append(instance.id().substring(2)).append("</reservationId><ownerId>123456789012</ownerId>")
                    .append("<instancesSet>").append(item(instance)).append("</instancesSet></item>");
        }
        return xml.append("</reservationSet></DescribeInstancesResponse>").toString();
    }

    private String terminate(List<String> ids) {
        StringBuilder xml = new StringBuilder("<TerminateInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                + "<requestId>t</requestId><instancesSet>");
        for (String id : ids) {
            Instance before = instances.computeIfPresent(id, (key, instance) -> instance.terminated());
            if (before != null) {
                halt.accept(id);
                xml.append("<item><instanceId>").append(id).append("</instanceId><currentState><code>48</code><name>terminated</name>")
                        .append("</currentState><previousState><code>16</code><name>running</name></previousState></item>");
            }
        }
        return xml.append("</instancesSet></TerminateInstancesResponse>").toString();
    }

    private static String item(Instance instance) {
        StringBuilder tags = new StringBuilder();
        instance.tags().forEach((key, value) -> tags.append("<item><key>").append(escape(key)).append("</key><value>")
                .append(escape(value)).append("</value></item>"));
        int code = instance.state().equals("running") ? 16 : 48;
        return "<item><instanceId>" + instance.id() + "</instanceId><imageId>ami-0abcdef1234567890</imageId><instanceState><code>" + code
                + "</code><name>" + instance.state() + "</name></instanceState><instanceType>t3.micro</instanceType>"
                + "<privateIpAddress>" + instance.address() + "</privateIpAddress><tagSet>" + tags + "</tagSet></item>";
    }

    private static String error(String code, String message) {
        return "<Response><Errors><Error><Code>" + code + "</Code><Message>" + escape(message) + "</Message></Error></Errors>"
                + "<RequestID>e</RequestID></Response>";
    }

    private static List<String> indexed(Map<String, List<String>> params, String prefix) {
        List<String> values = new ArrayList<>();
        for (int i = 1; params.containsKey(prefix + i); i++) {
            values.add(first(params, prefix + i));
        }
        return values;
    }

    private static String first(Map<String, List<String>> params, String key) {
        List<String> values = params.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String decode(String value) {
        return value == null ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
