package org.conpaas.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** cps service scale sets an absolute count; cps app list shows each application's services; tables read as words and local times. */
class ScaleAndListTest {

    private static final String APPS = "[{\"id\":\"a1\",\"name\":\"shop\",\"state\":\"ACTIVE\",\"createdAt\":\"2026-12-03T04:05:06.123456Z\"},"
            + "{\"id\":\"a2\",\"name\":\"blog\",\"state\":\"DELETING\",\"createdAt\":\"2026-12-04T10:00:00Z\"}]";

    @TempDir
    Path dir;
    private FakeDirector director;
    private final AtomicReference<String> workers = new AtomicReference<>();
    private TimeZone zone;

    @BeforeEach
    void start() throws Exception {
        zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Amsterdam"));
        director = new FakeDirector(dir).on("GET", "/api/apps", APPS)
                .on("GET", "/api/apps/a1/services", () -> "[" + workers.get() + "]")
                .on("GET", "/api/apps/a2/services", "[]")
                .on("GET", "/api/apps/a1/services/s1", workers::get);
    }

    @AfterEach
    void stop() {
        director.close();
        TimeZone.setDefault(zone);
    }

    private static String service(String state, int history, String... nodeStates) {
        StringBuilder nodes = new StringBuilder();
        for (int i = 0; i < nodeStates.length; i++) {
            nodes.append(i == 0 ? "" : ",").append("{\"id\":\"n").append(i).append("\",\"role\":\"agent\",\"state\":\"").append(nodeStates[i]).append("\"}");
        }
        StringBuilder changes = new StringBuilder("{\"at\":\"2026-12-03T04:05:07Z\",\"from\":\"INIT\",\"to\":\"PROLOGUE\"}");
        for (int i = 1; i < history; i++) {
            changes.append(",{\"at\":\"2026-12-03T04:06:00Z\",\"from\":\"ADAPTING\",\"to\":\"RUNNING\"}");
        }
        return "{\"id\":\"s1\",\"name\":\"workers\",\"type\":\"generic\",\"state\":\"" + state + "\",\"stateSince\":\"2026-12-03T04:05:07.5Z\","
                + "\"removing\":false,\"nodes\":[" + nodes + "],\"history\":[" + changes + "]}";
    }

    @Test
    void scaleUpAddsTheDifferenceToTheActiveNodesAndFollowsIt() {
        workers.set(service("RUNNING", 1, "RUNNING", "RUNNING", "TERMINATED", "FAILED"));
        director.on("POST", "/api/apps/a1/services/s1/nodes", () -> {
            String before = workers.get();
            workers.set(service("RUNNING", 2, "RUNNING", "RUNNING", "TERMINATED", "FAILED", "REQUESTED", "PLANNED", "PLANNED"));
            return before;
        });
        assertThat(director.cps("service", "scale", "shop", "workers", "5")).as(director.err.toString()).isZero();
        assertThat(director.posted).containsExactly("POST /api/apps/a1/services/s1/nodes {\"count\":3}");
        assertThat(director.out.toString()).contains("adding 3 to 2 nodes of workers");
    }

    @Test
    void scaleDownRemovesTheDifference() {
        workers.set(service("RUNNING", 1, "RUNNING", "RUNNING", "RUNNING", "RELEASING"));
        director.on("POST", "/api/apps/a1/services/s1/nodes/remove", () -> {
            workers.set(service("RUNNING", 2, "RUNNING", "RELEASING", "RELEASING", "RELEASING"));
            return workers.get();
        });
        assertThat(director.cps("service", "scale", "--app", "shop", "workers", "1", "-o", "json")).as(director.err.toString()).isZero();
        assertThat(director.posted).containsExactly("POST /api/apps/a1/services/s1/nodes/remove {\"count\":2}");
    }

    @Test
    void scaleToTheCurrentCountChangesNothingAndAStoppedServiceStarts() {
        workers.set(service("RUNNING", 1, "RUNNING", "RUNNING"));
        assertThat(director.cps("service", "scale", "shop", "workers", "2")).isZero();
        assertThat(director.posted).isEmpty();
        assertThat(director.out.toString()).contains("workers runs 2 nodes already");

        workers.set(service("STOPPED", 1, "TERMINATED"));
        director.on("POST", "/api/apps/a1/services/s1/start", () -> {
            workers.set(service("RUNNING", 2, "TERMINATED", "RUNNING", "RUNNING", "RUNNING"));
            return workers.get();
        });
        assertThat(director.cps("service", "scale", "shop", "workers", "3", "--no-wait")).isZero();
        assertThat(director.posted).containsExactly("POST /api/apps/a1/services/s1/start {\"nodes\":3}");
    }

    @Test
    void aServiceBetweenStatesIsNotScaled() {
        workers.set(service("ADAPTING", 1, "RUNNING"));
        assertThat(director.cps("service", "scale", "shop", "workers", "3")).isEqualTo(1);
        assertThat(director.err.toString()).isEqualTo("cps: workers is ADAPTING; scale it when it is RUNNING (or STOPPED, to start it)\n");
        assertThat(director.posted).isEmpty();
    }

    @Test
    void appListShowsEachApplicationsServicesWithStateAndNodesAndCachesTheNames() throws Exception {
        workers.set(service("RUNNING", 1, "RUNNING", "RUNNING", "TERMINATED"));
        assertThat(director.cps("app", "list")).as(director.err.toString()).isZero();
        String local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(Instant.parse("2026-12-03T04:05:06Z").atZone(ZoneId.of("Europe/Amsterdam")));
        assertThat(director.out.toString().lines()).first().asString()
                .matches("NAME +STATE +SERVICES +CREATED AT +ID");
        assertThat(director.out.toString()).contains("shop  ACTIVE    workers RUNNING 2 nodes  " + local)
                .contains("blog  DELETING  -").doesNotContain(".123456");
        assertThat(Files.readString(director.configFile().resolveSibling("cps.conf.names")))
                .isEqualTo("shop\t\nshop\tworkers\nblog\t\n");

        assertThat(director.cps("app", "list", "-o", "json")).isZero();
        assertThat(director.out.toString()).contains("\"createdAt\" : \"2026-12-03T04:05:06.123456Z\"").contains("\"services\" : [");
    }

    @Test
    void serviceShowReadsAsWordsAndYamlKeepsFullValues() {
        workers.set(service("RUNNING", 1, "RUNNING"));
        assertThat(director.cps("service", "show", "shop", "workers")).isZero();
        assertThat(director.out.toString()).contains("STATE SINCE").contains("CODE VERSION").contains("VPN ADDRESS")
                .contains("2026-12-03 05:05:07").doesNotContain("04:05:07.5");
        assertThat(director.cps("service", "show", "shop", "workers", "-o", "yaml")).isZero();
        assertThat(director.out.toString()).contains("stateSince: 2026-12-03T04:05:07.5Z").contains("- id: n0");
    }
}
