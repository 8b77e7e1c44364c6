package org.conpaas.provisioning.web;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.service.ServiceLoadMeasured;
import org.conpaas.kit.bus.IntegrationEventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Every few seconds, what each php or java service's proxies measured (their heartbeats report it):
 * the highest p95 response time among its proxies, their summed request rate and its running
 * backends, published as service.load-measured for app-service's autoscaler.
 */
@Component
class LoadReports {

    private static final Logger log = LoggerFactory.getLogger(LoadReports.class);

    private final JdbcTemplate jdbc;
    private final WebNodes nodes;
    private final ServiceReleases releases;
    private final IntegrationEventPublisher publisher;
    private final Clock clock = Clock.systemUTC();

    LoadReports(JdbcTemplate jdbc, WebNodes nodes, ServiceReleases releases, IntegrationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.nodes = nodes;
        this.releases = releases;
        this.publisher = publisher;
    }

    @Scheduled(fixedDelayString = "${conpaas.web.load-report-interval:10s}", initialDelayString = "${conpaas.web.load-report-interval:10s}")
    void report() {
        List<String> services = jdbc.queryForList(
                "SELECT DISTINCT service_id FROM node WHERE state = 'RUNNING' AND web_roles LIKE '%proxy%'", String.class);
        for (String service : services) {
            try {
                publish(service);
            } catch (RuntimeException e) {
                log.warn("load of service {} not reported: {}", service, e.toString());
            }
        }
    }

    void publish(String serviceId) {
        List<WebNode> running = nodes.runningOf(serviceId);
        List<WebNode> proxies = running.stream().filter(n -> n.has(WebNode.PROXY)).toList();
        Double p95 = proxies.stream().map(WebNode::responseP95Ms).filter(Objects::nonNull).max(Double::compare).orElse(null);
        double rate = proxies.stream().map(WebNode::requestRate).filter(Objects::nonNull).mapToDouble(Double::doubleValue).sum();
        int backends = (int) running.stream().filter(n -> n.has(WebNode.BACKEND)).count();
        String application = releases.applicationOf(serviceId).orElseGet(() -> jdbc.queryForObject(
                "SELECT application_id FROM node WHERE service_id = ? LIMIT 1", String.class, serviceId));
        EventType type = ServiceLoadMeasured.class.getAnnotation(EventType.class);
        publisher.publish(new ServiceLoadMeasured(new EventHeader(UUID.randomUUID(), type.value(), type.version(), clock.instant(), serviceId),
                ApplicationId.of(application), ServiceId.of(serviceId), p95, rate, backends));
    }
}
