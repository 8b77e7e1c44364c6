package org.conpaas.bench;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.stream.BlockingStream;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.conpaas.kit.test.RealInfrastructure;
import org.conpaas.vpn.VpnServiceApplication;
import org.conpaas.vpn.network.VpnPlan;
import org.conpaas.vpn.network.api.AllocateNetworkCommand;
import org.conpaas.vpn.network.api.AllocateSubnetCommand;
import org.conpaas.vpn.network.api.AssignAddressCommand;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * vpn-service's address allocation (commands through the real event store on PostgreSQL) beside
 * the rate at which the same PostgreSQL commits single-row transactions; and the time to rebuild
 * vpn-service's read model by replaying its events, beside a plain scan of the event table.
 */
final class VpnAllocationBenchmark {

    private static final int ALLOCATIONS = Integer.getInteger("conpaas.bench.vpn.allocations", 2000);

    String run() throws Exception {
        RealInfrastructure infra = RealInfrastructure.get();
        String db = infra.newDatabase("bench_vpn");
        migrate(db, infra);
        try (ConfigurableApplicationContext vpn = new SpringApplicationBuilder(VpnServiceApplication.class).run(
                "--server.port=0", "--spring.datasource.url=" + db, "--spring.flyway.enabled=false",
                "--spring.datasource.username=" + infra.dbUser(), "--spring.datasource.password=" + infra.dbPassword(),
                "--spring.datasource.hikari.maximum-pool-size=20",
                "--spring.rabbitmq.host=" + infra.amqpHost(), "--spring.rabbitmq.port=" + infra.amqpPort(),
                "--spring.rabbitmq.username=" + infra.amqpUser(), "--spring.rabbitmq.password=" + infra.amqpPassword(),
                "--conpaas.bus.exchange=" + infra.newExchange("bench"), "--logging.level.root=WARN")) {
            CommandGateway commands = vpn.getBean(CommandGateway.class);
            JdbcTemplate jdbc = vpn.getBean(JdbcTemplate.class);
            VpnPlan plan = VpnPlan.of("172.16.0.0", "255.240.0.0", 5);

            StringBuilder out = new StringBuilder("### vpn-service: address allocation and rebuild\n\n")
                    .append("| measure | ConPaaS | limit on this machine | ratio |\n|---|---|---|---|\n");
            for (int threads : new int[]{1, 16}) {
                ApplicationId app = ApplicationId.random();
                commands.sendAndWait(new AllocateNetworkCommand(app, UserId.random(), plan));
                ServiceId svc = ServiceId.of("web");
                commands.sendAndWait(new AllocateSubnetCommand(app, svc));
                double allocations = rate(threads, i -> commands.sendAndWait(new AssignAddressCommand(app, svc, NodeId.of("n" + i))));
                jdbc.execute("CREATE TABLE IF NOT EXISTS bench_row (id BIGSERIAL PRIMARY KEY, k VARCHAR(64) UNIQUE, v BYTEA)");
                AtomicInteger key = new AtomicInteger();
                double inserts = rate(threads, i -> jdbc.update("INSERT INTO bench_row (k, v) VALUES (?, ?)",
                        threads + "-" + key.incrementAndGet(), new byte[300]));
                out.append(String.format("| allocations/s, %d client%s | %.0f | %.0f single-row commits/s | %.2f |%n",
                        threads, threads == 1 ? "" : "s", allocations, inserts, allocations / inserts));
            }

            long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
            long scan = time(() -> jdbc.query("SELECT payload, meta_data FROM domain_event_entry ORDER BY global_index",
                    rs -> { }));
            long rebuild = time(() -> rebuild(vpn));
            long addresses = jdbc.queryForObject("SELECT count(*) FROM vpn_address", Long.class);
            out.append(String.format("| read-model rebuild from %d events (%d addresses) | %d ms | %d ms plain scan of the event table | %.2f |%n",
                    events, addresses, rebuild, scan, (double) scan / Math.max(1, rebuild)));
            out.append("\nRatio = ConPaaS ÷ limit (1.00 = as fast as the database allows). ")
                    .append(ALLOCATIONS).append(" allocations per row; each allocation is one command: load the ")
                    .append("application's network (cached), append one event, update the read model, commit.\n");
            return out.toString();
        }
    }

    /**
     * vpn-service's Flyway scripts, run by name: the bench's classpath holds every service's
     * db/migration (each with its own V1), so Flyway's scan of that folder would refuse to start.
     */
    private static void migrate(String db, RealInfrastructure infra) {
        org.springframework.jdbc.datasource.init.ResourceDatabasePopulator scripts = new org.springframework.jdbc.datasource.init.ResourceDatabasePopulator();
        java.util.stream.Stream.concat(KitEventStore.SCHEMA.stream(), java.util.stream.Stream.of(
                        "db/migration/V1__networks.sql", "db/migration/V2__subnets_and_addresses.sql", "db/migration/V3__wireguard_keys.sql"))
                .forEach(r -> scripts.addScript(new org.springframework.core.io.ClassPathResource(r)));
        scripts.execute(new org.springframework.jdbc.datasource.DriverManagerDataSource(db, infra.dbUser(), infra.dbPassword()));
    }

    /** Empties the read model and replays every event through the projection, in one transaction. */
    private static void rebuild(ConfigurableApplicationContext vpn) {
        JdbcTemplate jdbc = vpn.getBean(JdbcTemplate.class);
        EventStore store = vpn.getBean(EventStore.class);
        AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(vpn.getBean("networkProjection"));
        vpn.getBean(TransactionTemplate.class).executeWithoutResult(tx -> {
            jdbc.execute("TRUNCATE vpn_address, vpn_subnet, vpn_network");
            try (BlockingStream<TrackedEventMessage<?>> events = store.openStream(null)) {
                while (events.hasNextAvailable()) {
                    projection.handle(events.nextAvailable());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private interface Step {
        void run(int i) throws Exception;
    }

    private static double rate(int threads, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < ALLOCATIONS; i = next.getAndIncrement()) {
                    step.run(i);
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        return ALLOCATIONS / ((System.nanoTime() - start) / 1e9);
    }

    private static long time(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
