package org.conpaas.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** cps service enable / env / autoscale / weight: what they send, how they follow a rollout, and wrong command lines (exit 2). */
class ReleaseCommandsTest {

    @TempDir
    Path dir;
    private FakeDirector director;
    private final AtomicReference<String> site = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        site.set(service(3, 2, "ROLLED_OUT", "release 3 rolled out"));
        director = new FakeDirector(dir).on("GET", "/api/apps", "[{\"id\":\"a1\",\"name\":\"shop\"}]")
                .on("GET", "/api/apps/a1/services", () -> "[" + site.get() + "]")
                .on("GET", "/api/apps/a1/services/s1", site::get);
    }

    @AfterEach
    void stop() {
        director.close();
    }

    private static String service(int release, int version, String state, String detail) {
        return "{\"id\":\"s1\",\"name\":\"site\",\"type\":\"php\",\"state\":\"RUNNING\",\"nodes\":[{\"id\":\"3f2a9c\",\"role\":\"manager\"}],"
                + "\"history\":[],\"release\":{\"number\":" + release + ",\"codeVersion\":" + version + ",\"state\":\"" + state
                + "\",\"detail\":\"" + detail + "\"}}";
    }

    @Test
    void enableFollowsTheRollingUpdateToItsEnd() {
        director.on("POST", "/api/apps/a1/services/s1/code/versions/1/enable", () -> {
            site.set(service(4, 1, "ROLLED_OUT", "release 4 rolled out: every backend runs it and passes its health check"));
            return service(4, 1, "ROLLING_OUT", "code version 1 enabled (rollback)");
        });
        assertThat(director.cps("service", "enable", "shop", "site", "1")).as(director.err.toString()).isZero();
        assertThat(director.out.toString()).contains("release 4 (code version 1): rolling out",
                "release 4 rolled out: every backend runs it and passes its health check");
    }

    @Test
    void aStoppedRolloutEndsWithItsReasonAndExitOne() {
        director.on("PATCH", "/api/apps/a1/services/s1/environment", () -> {
            site.set(service(4, 2, "STOPPED", "release 4 stopped at node 3f2a9c: health check: GET / answered 500"));
            return service(4, 2, "ROLLING_OUT", "environment: set GREETING");
        });
        assertThat(director.cps("service", "env", "set", "shop", "site", "GREETING=hi there", "KEY=s3cret", "--secret")).isEqualTo(1);
        assertThat(director.posted).containsExactly(
                "PATCH /api/apps/a1/services/s1/environment {\"set\":{\"GREETING\":\"hi there\",\"KEY\":\"s3cret\"},\"secret\":[\"GREETING\",\"KEY\"]}");
        assertThat(director.err.toString()).isEqualTo("cps: release 4 stopped at node 3f2a9c: health check: GET / answered 500\n");
    }

    @Test
    void autoscaleAndWeightSendWhatWasAskedAndRefuseWrongCommandLines() {
        director.on("PUT", "/api/apps/a1/services/s1/autoscaling",
                "{\"autoscaling\":{\"on\":true,\"targetResponseMs\":200,\"min\":1,\"max\":4}}");
        assertThat(director.cps("service", "autoscale", "shop", "site", "--target-response-ms", "200", "--max", "4")).isZero();
        assertThat(director.out.toString()).contains("autoscaling on: p95 target 200 ms, 1 to 4 backends");
        director.on("PUT", "/api/apps/a1/services/s1/nodes/3f2a9c/weight", site.get());
        assertThat(director.cps("service", "weight", "shop", "site", "3f2a", "3")).as(director.err.toString()).isZero();
        assertThat(director.posted).contains("PUT /api/apps/a1/services/s1/autoscaling {\"targetResponseMs\":200,\"min\":1,\"max\":4}",
                "PUT /api/apps/a1/services/s1/nodes/3f2a9c/weight {\"weight\":3}");

        assertThat(director.cps("service", "autoscale", "shop", "site")).isEqualTo(2);
        assertThat(lastError()).contains("give either --target-response-ms MS");
        assertThat(director.cps("service", "weight", "shop", "site", "3f2a", "0")).isEqualTo(2);
        assertThat(lastError()).contains("a weight is 1 to 100, not 0");
        assertThat(director.cps("service", "env", "set", "shop", "site", "=oops")).isEqualTo(2);
        assertThat(lastError()).contains("give variables as NAME=VALUE");
        assertThat(director.err.toString()).hasLineCount(3);
    }

    private String lastError() {
        String[] lines = director.err.toString().split("\n");
        return lines[lines.length - 1];
    }
}
