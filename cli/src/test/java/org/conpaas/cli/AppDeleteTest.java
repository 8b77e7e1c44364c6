package org.conpaas.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * cps app delete of an application whose service runs: the director accepts (202, DELETING), and
 * cps follows the service stopping and being removed until the application is gone; with
 * --no-cascade the director's refusal is printed. The director is a local HTTP server.
 */
class AppDeleteTest {

    private static final String APP = "{\"id\":\"a1\",\"name\":\"shop\",\"state\":\"ACTIVE\",\"createdAt\":\"2026-12-03T04:00:00Z\"}";
    private static final String DELETING = APP.replace("ACTIVE", "DELETING");
    private static final String NODE = "{\"id\":\"n%d\",\"state\":\"%s\"}";

    @TempDir
    Path dir;

    private final AtomicInteger servicePolls = new AtomicInteger();
    private FakeDirector director;

    @BeforeEach
    void director() throws IOException {
        director = new FakeDirector(dir)
                .on("GET", "/api/apps", "[" + APP + "]")
                .answer("DELETE", "/api/apps/a1?cascade=false", () -> new FakeDirector.Answer(409,
                        "{\"status\":409,\"detail\":\"the application's services 'workers' (RUNNING) still run; stop them first\"}"))
                .answer("DELETE", "/api/apps/a1", () -> new FakeDirector.Answer(202, DELETING))
                .on("GET", "/api/apps/a1/services", () -> {
                    int poll = servicePolls.incrementAndGet();
                    return poll <= 2 ? "[" + service("EPILOGUE", "RELEASING", "RELEASING") + "]"
                            : poll == 3 ? "[" + service("EPILOGUE", "TERMINATED", "RELEASING") + "]" : "[]";
                })
                .answer("GET", "/api/apps/a1", () -> servicePolls.get() >= 4
                        ? new FakeDirector.Answer(404, "{\"status\":404,\"detail\":\"no application a1 of yours\"}")
                        : new FakeDirector.Answer(200, DELETING));
    }

    @AfterEach
    void stop() {
        director.close();
    }

    @Test
    void followsTheServicesBeingStoppedAndRemovedUntilTheApplicationIsGone() {
        assertThat(director.cps("app", "delete", "shop")).as(director.err.toString()).isZero();
        assertThat(director.out.toString()).isEqualTo("""
                deleting shop: stopping and removing its services first
                  workers: EPILOGUE, 2 node(s)
                  workers: EPILOGUE, 1 node(s)
                  workers: removed
                deleted shop
                """);
        assertThat(director.calls).contains("DELETE /api/apps/a1");
    }

    @Test
    void withoutCascadeTheRefusalNamesTheRunningServices() {
        assertThat(director.cps("app", "delete", "shop", "--no-cascade")).isEqualTo(1);
        assertThat(director.err.toString()).isEqualTo("cps: the application's services 'workers' (RUNNING) still run; stop them first\n");
        assertThat(director.calls).contains("DELETE /api/apps/a1?cascade=false")
                .noneMatch(c -> c.startsWith("GET /api/apps/a1/services"));
    }

    @Test
    void noWaitReturnsOnceTheDeletionIsAccepted() {
        assertThat(director.cps("app", "delete", "shop", "--no-wait")).isZero();
        assertThat(director.out.toString()).isEqualTo("deleting shop: stopping and removing its services first\n");
        assertThat(servicePolls).hasValue(0);
    }

    private static String service(String state, String... nodes) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < nodes.length; i++) {
            list.append(i == 0 ? "" : ",").append(String.format(NODE, i, nodes[i]));
        }
        return "{\"id\":\"s1\",\"name\":\"workers\",\"state\":\"" + state + "\",\"removing\":true,\"nodes\":[" + list + "]}";
    }
}
