package org.conpaas.agent;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The php/java parts of the heartbeat protocol: the answer's release and members, the report, the proxy's response times. */
class ReleaseAnswerTest {

    @Test
    void anAnswerCarriesTheReleaseItsEnvironmentTheMembersAndTheSessionStore() {
        HeartbeatAnswer answer = HeartbeatAnswer.parse("""
                {"desired":"RUN","codeVersion":3,"release":4,
                 "environment":{"GREETING":"hello","DB_PASSWORD":"s3cret"},
                 "healthPath":"/health?deep=1",
                 "membersHash":"9f2c",
                 "backends":[{"node":"n-1","host":"10.213.0.5","port":8082,"weight":2},{"node":"n-2","host":"fd00::5","port":8082}],
                 "webs":[{"node":"n-1","host":"10.213.0.5","port":8081,"weight":1}],
                 "sessions":{"host":"10.213.0.5","port":11211}}""");
        Release release = answer.release().orElseThrow();
        assertEquals(4, release.number());
        assertEquals(3, release.codeVersion());
        assertEquals(Map.of("GREETING", "hello", "DB_PASSWORD", "s3cret"), release.environment().variables());
        assertEquals("/health?deep=1", release.healthPath());
        ProxyMembers members = answer.members().orElseThrow();
        assertEquals("9f2c", members.hash());
        assertEquals(List.of(new ProxyMembers.Member("n-1", "10.213.0.5", 8082, 2), new ProxyMembers.Member("n-2", "fd00::5", 8082, 1)),
                members.backends());
        assertEquals("[fd00::5]:8082", members.backends().get(1).address());
        assertEquals(1, members.webs().size());
        assertEquals(Optional.of(new SessionStore("10.213.0.5", 11211)), answer.sessions());
        assertFalse(release.environment().toString().contains("s3cret"), "toString never shows values");
    }

    @Test
    void anOlderDirectorsAnswerHasNoneOfItAndBadMembersAreLeftOut() {
        HeartbeatAnswer old = HeartbeatAnswer.parse("{\"desired\":\"RUN\",\"codeVersion\":3}");
        assertEquals(Optional.empty(), old.release());
        assertEquals(Optional.empty(), old.members());
        assertEquals(Optional.empty(), old.sessions());

        HeartbeatAnswer hostile = HeartbeatAnswer.parse("""
                {"desired":"RUN","codeVersion":1,"release":1,"healthPath":"no-slash","membersHash":"x",
                 "backends":[{"host":"evil; include /etc/passwd","port":80},{"host":"ok","port":70000},{"host":"good","port":80}]}""");
        assertEquals("/", hostile.release().orElseThrow().healthPath());
        assertEquals(List.of(new ProxyMembers.Member("", "good", 80, 1)), hostile.members().orElseThrow().backends());
        assertThrows(IllegalArgumentException.class, () -> HeartbeatAnswer.parse("{\"desired\":\"RUN\",\"sessions\":{\"host\":\"a b\",\"port\":1}}"));
    }

    @Test
    void environmentNamesMustBeNamesAndValuesSingleLinesAndTheReasonsNeverShowAValue() {
        ReleaseEnvironment environment = ReleaseEnvironment.of(new java.util.LinkedHashMap<>(Map.of("OK_1", "fine", "_x", "",
                "1BAD", "secret-1", "WITH-DASH", "secret-2", "MULTI", "secret\n3", "CR", "secret\r4", "NUMBER", new BigDecimal(5))));
        assertEquals(Map.of("OK_1", "fine", "_x", ""), environment.variables());
        assertEquals(5, environment.ignored().size());
        for (String line : environment.ignored()) {
            assertFalse(line.contains("secret"), line);
        }
        assertTrue(environment.ignored().stream().anyMatch(line -> line.startsWith("environment variable MULTI ignored")));
        assertTrue(environment.ignored().stream().anyMatch(line -> line.startsWith("environment variable \"1BAD\" ignored")));
        assertFalse(ReleaseEnvironment.singleLine("x".repeat(32 * 1024 + 1)));
        assertTrue(ReleaseEnvironment.of("x".repeat(129)).variables().isEmpty());
    }

    @Test
    void theHeartbeatCarriesTheNodesPortsReleaseHealthMembersAndResponseTimes() {
        Heartbeat beat = new Heartbeat(ServiceState.RUNNING, "release 4 (code version 3): proxy, web, backend serving", "", 8080, null, null,
                new Heartbeat.HostingReport(new WebPorts(8080, 8081, 8082, 11211).of(java.util.EnumSet.allOf(WebRole.class)), 4L, true,
                        "GET / answered 200", "9f2c", 12.5, 3.2));
        Map<String, Object> sent = Json.parseObject(beat.toJson());
        assertEquals(Map.of("proxy", new BigDecimal(8080), "web", new BigDecimal(8081), "backend", new BigDecimal(8082),
                "sessions", new BigDecimal(11211)), sent.get("ports"));
        assertEquals(new BigDecimal(4), sent.get("release"));
        assertEquals(Boolean.TRUE, sent.get("healthy"));
        assertEquals("GET / answered 200", sent.get("healthDetail"));
        assertEquals("9f2c", sent.get("membersHash"));
        assertEquals(new BigDecimal("12.5"), sent.get("responseP95Ms"));
        assertEquals(new BigDecimal("3.2"), sent.get("requestRate"));
        assertEquals(new BigDecimal(8080), sent.get("httpPort"));

        Map<String, Object> generic = Json.parseObject(new Heartbeat(ServiceState.RUNNING, "", "", null).toJson());
        for (String field : List.of("ports", "release", "healthy", "healthDetail", "membersHash", "responseP95Ms", "requestRate")) {
            assertTrue(generic.containsKey(field) && generic.get(field) == null, field);
        }
    }

    @Test
    void p95AndRateCoverTheLast30SecondsOfTheProxysAccessLog() {
        ResponseTimes times = new ResponseTimes();
        assertEquals(OptionalDouble.empty(), times.p95(1_000_000));
        assertEquals(OptionalDouble.empty(), times.rate(1_000_000));
        long now = 1_000_000;
        times.record(now - 40_000, 5000); // outside the window
        for (int i = 1; i <= 100; i++) {
            times.record(now - 29_000 + i, i);
        }
        assertEquals(OptionalDouble.of(95), times.p95(now));
        assertEquals(OptionalDouble.of(100 / 30.0), times.rate(now));
        assertEquals(OptionalDouble.empty(), times.p95(now + 30_000));

        String message = "<190>Dec  7 00:12:36 conpaas_proxy: 1765066356.123 200 0.012 \"127.0.0.1:8082\" \"GET / HTTP/1.1\"";
        String line = ResponseTimes.fromSyslog(message);
        assertEquals("1765066356.123 200 0.012 \"127.0.0.1:8082\" \"GET / HTTP/1.1\"", line);
        assertEquals(OptionalDouble.of(12.0), ResponseTimes.requestMillis(line));
        assertEquals(OptionalDouble.empty(), ResponseTimes.requestMillis("garbage"));
        assertNull(ResponseTimes.fromSyslog("not syslog"));
    }
}
