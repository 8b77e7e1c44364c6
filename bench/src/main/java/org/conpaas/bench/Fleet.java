package org.conpaas.bench;

import io.netty.handler.ssl.SslContext;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many simulated agents in this one process: each enrolls with its own key and token and then
 * heartbeats on its own mutual-TLS connection (a pool of one, kept alive like node-agent's), all
 * on two event-loop threads, each beat at its own phase of the interval. A beat whose previous one
 * has not been answered yet is skipped and counted late, as a real agent would wait.
 */
final class Fleet implements AutoCloseable {

    /** What one measurement window saw. */
    static final class Window {
        final Latencies latencies = new Latencies();
        final AtomicLong answered = new AtomicLong();
        final AtomicLong late = new AtomicLong();
        final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

        void failed(String why) {
            failures.computeIfAbsent(why, k -> new AtomicLong()).incrementAndGet();
        }

        long failed() {
            return failures.values().stream().mapToLong(AtomicLong::get).sum();
        }

        String failureSummary() {
            Map<String, Long> sorted = new TreeMap<>();
            failures.forEach((why, n) -> sorted.put(why, n.get()));
            return sorted.isEmpty() ? "none" : sorted.toString();
        }
    }

    private record Member(SimulatedAgent agent, int index, HttpClient client, AtomicBoolean inFlight) {
    }

    private final LoopResources loop = LoopResources.create("fleet", 2, true);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService enrollers = Executors.newFixedThreadPool(8);
    private final Map<String, SimulatedAgent> byInstance = new ConcurrentHashMap<>();
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final List<ConnectionProvider> pools = new CopyOnWriteArrayList<>();
    private final AtomicLong enrollRetries = new AtomicLong();
    private final Duration interval;
    private final X509Certificate[] trusted;
    private volatile X509Certificate ca;
    private volatile URI director;
    private volatile HttpClient enrollClient;
    private volatile Window window = new Window();
    private volatile int active = Integer.MAX_VALUE;

    /** {@code alsoTrusted}: a further server certificate the agents accept (the floor's). */
    Fleet(Duration interval, X509Certificate alsoTrusted) {
        this.interval = interval;
        this.trusted = new X509Certificate[]{alsoTrusted};
    }

    /** Where agents enroll and report, and the CA that signs their certificates and the director's. */
    void director(URI director, X509Certificate ca) throws Exception {
        this.ca = ca;
        this.director = director;
        SslContext trustOnly = io.netty.handler.ssl.SslContextBuilder.forClient().trustManager(ca, trusted[0]).build();
        this.enrollClient = HttpClient.create(ConnectionProvider.create("enroll", 16)).runOn(loop)
                .secure(spec -> spec.sslContext(trustOnly)).responseTimeout(Duration.ofSeconds(30));
    }

    /** Heartbeats from now on go to {@code target} (the gateway, or the floor). */
    void reportTo(URI target) {
        this.director = target;
    }

    /** Only the first {@code count} enrolled agents beat; the others wait. */
    void activate(int count) {
        this.active = count;
    }

    /** The cloud started an instance: its agent boots and enrolls. */
    void boot(String instanceId, String userData) {
        SimulatedAgent agent = SimulatedAgent.of(instanceId, userData);
        byInstance.put(instanceId, agent);
        enrollers.execute(() -> enroll(agent, System.nanoTime()));
    }

    /** The cloud terminated an instance: its agent is gone. */
    void halt(String instanceId) {
        SimulatedAgent agent = byInstance.get(instanceId);
        if (agent != null) {
            agent.halt();
        }
    }

    /** Makes one beating agent silent (the watchdog must fail its node); its node id. */
    String silenceOne() {
        for (Member member : members) {
            if (member.index() < active && member.agent().stage() == SimulatedAgent.Stage.ENROLLED) {
                member.agent().silence();
                return member.agent().nodeId;
            }
        }
        throw new IllegalStateException("no beating agent to silence");
    }

    int enrolled() {
        return members.size();
    }

    long enrollRetries() {
        return enrollRetries.get();
    }

    Window newWindow() {
        Window fresh = new Window();
        window = fresh;
        return fresh;
    }

    private void enroll(SimulatedAgent agent, long since) {
        try {
            KeyPair keys = SimulatedAgent.newKeys();
            Reply reply = post(enrollClient, director.resolve("/api/ca/enroll"), agent.enrollment(keys)).block(Duration.ofSeconds(40));
            if (reply != null && reply.status() == 201) {
                agent.enrolled(keys, RunningNutshell.JSON.readTree(reply.body()), ca, trusted[0]);
                start(agent);
                return;
            }
            retry(agent, since, reply == null ? "no answer" : reply.status() + " " + reply.body());
        } catch (Exception e) {
            retry(agent, since, e.toString());
        }
    }

    private void retry(SimulatedAgent agent, long since, String why) {
        // the CA learns a token from node.requested: "unknown token" is retried for two minutes, as node-agent does
        if (System.nanoTime() - since > TimeUnit.MINUTES.toNanos(2)) {
            System.err.println("fleet: " + agent.nodeId + " gave up enrolling: " + why);
            return;
        }
        enrollRetries.incrementAndGet();
        timer.schedule(() -> enrollers.execute(() -> enroll(agent, since)), 500, TimeUnit.MILLISECONDS);
    }

    private void start(SimulatedAgent agent) {
        ConnectionProvider pool = ConnectionProvider.builder("node").maxConnections(1).pendingAcquireMaxCount(-1)
                .maxIdleTime(Duration.ofMinutes(5)).build();
        pools.add(pool);
        SslContext identity = agent.identity();
        HttpClient client = HttpClient.create(pool).runOn(loop).secure(spec -> spec.sslContext(identity))
                .responseTimeout(Duration.ofSeconds(10));
        Member member = new Member(agent, members.size(), client, new AtomicBoolean());
        members.add(member);
        long phase = ThreadLocalRandom.current().nextLong(interval.toMillis());
        timer.scheduleAtFixedRate(() -> beat(member), phase, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beat(Member member) {
        SimulatedAgent agent = member.agent();
        if (agent.stage() != SimulatedAgent.Stage.ENROLLED || member.index() >= active) {
            return;
        }
        Window current = window;
        if (!member.inFlight().compareAndSet(false, true)) {
            current.late.incrementAndGet();
            return;
        }
        long start = System.nanoTime();
        post(member.client(), director.resolve("/api/nodes/" + agent.nodeId + "/heartbeat"), agent.heartbeat())
                .subscribe(reply -> {
                    member.inFlight().set(false);
                    if (reply.status() == 200) {
                        current.latencies.add((System.nanoTime() - start) / 1e6);
                        current.answered.incrementAndGet();
                        try {
                            agent.answered(RunningNutshell.JSON.readTree(reply.body()));
                        } catch (Exception unreadable) {
                            current.failed("unreadable answer");
                        }
                    } else {
                        current.failed("HTTP " + reply.status());
                    }
                }, error -> {
                    member.inFlight().set(false);
                    current.failed(error.getClass().getSimpleName());
                });
    }

    private record Reply(int status, String body) {
    }

    private static Mono<Reply> post(HttpClient client, URI uri, String json) {
        return client.headers(h -> h.set("Content-Type", "application/json").set("Accept", "application/json"))
                .post().uri(uri.toString()).send(ByteBufFlux.fromString(Mono.just(json)))
                .responseSingle((response, bytes) -> bytes.asString().defaultIfEmpty("")
                        .map(body -> new Reply(response.status().code(), body)));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        enrollers.shutdownNow();
        pools.forEach(ConnectionProvider::dispose);
        loop.dispose();
    }
}
