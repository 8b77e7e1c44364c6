package org.conpaas.provisioning.logs;

import org.conpaas.kit.security.CurrentUser;
import org.springframework.http.MediaType;
import org.conpaas.provisioning.access.ServiceOwnership;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code GET /api/apps/{app}/services/{svc}/logs}: the lines the service's nodes' logs gained (the
 * code's output, the agent's notes, the runtimes' access and error logs), oldest first, for the
 * owner or an administrator. {@code ?after=N} continues after line N; {@code Accept:
 * text/event-stream} (or {@code ?follow=true}) keeps the answer open and sends new lines as
 * server-sent events ({@code id} is the line's position) for up to 30 minutes.
 */
@RestController
class ServiceLogController {

    private static final int PAGE = 500;
    private static final Duration FOLLOW_FOR = Duration.ofMinutes(30);
    private static final ScheduledExecutorService POLLERS = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "log-follow");
        thread.setDaemon(true);
        return thread;
    });

    private final NodeLogs logs;
    private final ServiceOwnership ownership;

    ServiceLogController(NodeLogs logs, ServiceOwnership ownership) {
        this.logs = logs;
        this.ownership = ownership;
    }

    @GetMapping(value = "/api/apps/{app}/services/{svc}/logs", produces = MediaType.APPLICATION_JSON_VALUE)
    List<NodeLogs.Entry> lines(@PathVariable String app, @PathVariable String svc, @RequestParam(defaultValue = "0") long after,
                               CurrentUser caller) {
        authorize(app, svc, caller);
        return logs.of(svc, after, PAGE);
    }

    @GetMapping(value = "/api/apps/{app}/services/{svc}/logs", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter follow(@PathVariable String app, @PathVariable String svc, @RequestParam(defaultValue = "0") long after, CurrentUser caller) {
        authorize(app, svc, caller);
        SseEmitter emitter = new SseEmitter(FOLLOW_FOR.toMillis());
        AtomicLong last = new AtomicLong(after);
        AtomicReference<ScheduledFuture<?>> poller = new AtomicReference<>();
        Runnable send = () -> {
            try {
                List<NodeLogs.Entry> lines = logs.of(svc, last.get(), PAGE);
                for (NodeLogs.Entry line : lines) {
                    emitter.send(SseEmitter.event().id(Long.toString(line.id())).name("line").data(line, MediaType.APPLICATION_JSON));
                    last.set(line.id());
                }
                if (lines.isEmpty()) {
                    emitter.send(SseEmitter.event().comment("waiting"));
                }
            } catch (IOException | IllegalStateException gone) {
                ScheduledFuture<?> task = poller.get();
                if (task != null) {
                    task.cancel(false);
                }
            }
        };
        poller.set(POLLERS.scheduleWithFixedDelay(send, 0, 1, TimeUnit.SECONDS));
        Runnable stop = () -> poller.get().cancel(false);
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(e -> stop.run());
        return emitter;
    }

    private void authorize(String app, String svc, CurrentUser caller) {
        ownership.check(app, svc, caller, "no logs of service");
    }
}
