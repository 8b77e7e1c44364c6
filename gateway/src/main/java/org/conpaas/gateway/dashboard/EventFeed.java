package org.conpaas.gateway.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The integration events as they cross the broker, for the dashboard: every message of the
 * gateway's own queue (bound to the topic exchange with '#') is counted and handed to every
 * open stream. A browser that reads too slowly misses events rather than holding up the others;
 * it refetches what it shows when it reconnects. When the gateway stops, every stream ends first
 * (an open stream would otherwise hold up the web server's graceful shutdown to its timeout).
 */
public class EventFeed implements MessageListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventFeed.class);

    private final ObjectMapper json;
    private final EventStatistics statistics;
    private final Sinks.Many<PlatformEvent> sink = Sinks.many().multicast().directBestEffort();
    private final Sinks.One<Boolean> closing = Sinks.one();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean connected = new AtomicBoolean();
    private final boolean enabled;

    EventFeed(ObjectMapper json, EventStatistics statistics, boolean enabled) {
        this.json = json;
        this.statistics = statistics;
        this.enabled = enabled;
    }

    @Override
    public void onMessage(Message message) {
        JsonNode body;
        try {
            body = json.readTree(message.getBody());
        } catch (IOException unreadable) {
            log.warn("an event on {} is not JSON; the dashboard skips it", message.getMessageProperties().getReceivedRoutingKey());
            return;
        }
        PlatformEvent event = PlatformEvent.of(body, message.getMessageProperties().getReceivedRoutingKey());
        statistics.record(event);
        sink.tryEmitNext(event);
    }

    /** Every event from now on (nothing from before). */
    Flux<PlatformEvent> live() {
        return sink.asFlux();
    }

    /** Emits when the gateway is stopping: every stream ends then. */
    Mono<Boolean> closing() {
        return closing.asMono();
    }

    @Override
    public void start() {
        running.set(true);
    }

    @Override
    public void stop() {
        running.set(false);
        closing.tryEmitValue(true);
        sink.tryEmitComplete();
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    EventStatistics statistics() {
        return statistics;
    }

    boolean enabled() {
        return enabled;
    }

    /** Whether the gateway holds a connection to the broker now. */
    boolean connected() {
        return connected.get();
    }

    void connectionChanged(boolean up) {
        connected.set(up);
    }
}
