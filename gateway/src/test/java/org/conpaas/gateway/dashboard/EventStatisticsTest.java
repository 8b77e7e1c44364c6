package org.conpaas.gateway.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class EventStatisticsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void countsPerMinuteOverTheLastHourKeepsTheNewestAndPicksOutFailures() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:30Z"));
        EventStatistics statistics = new EventStatistics(clock, 10);
        statistics.record(event("node.running"));
        statistics.record(event("node.failed"));
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        statistics.record(event("vpn.addresses-refused"));
        statistics.record(event("app.created"));

        var minutes = statistics.perMinute();
        assertThat(minutes).hasSize(60);
        assertThat(minutes.get(59).minute()).isEqualTo(Instant.parse("2026-11-25T10:02:00Z"));
        assertThat(minutes.get(59).count()).isEqualTo(2);
        assertThat(minutes.get(57).count()).isEqualTo(2);
        assertThat(minutes.get(58).count()).isZero();
        assertThat(statistics.recent(3)).extracting(PlatformEvent::type).containsExactly("app.created", "vpn.addresses-refused", "node.failed");
        assertThat(statistics.failures(10)).extracting(PlatformEvent::type).containsExactly("vpn.addresses-refused", "node.failed");
        assertThat(statistics.byType()).containsEntry("node.running", 1L).hasSize(4);

        clock.now = clock.now.plus(Duration.ofMinutes(61));
        assertThat(statistics.perMinute()).allSatisfy(m -> assertThat(m.count()).isZero());
        for (int i = 0; i < 25; i++) {
            statistics.record(event("node.running"));
        }
        assertThat(statistics.recent(100)).hasSize(10);
    }

    private static PlatformEvent event(String type) throws Exception {
        return PlatformEvent.of(JSON.readTree("{\"header\":{\"type\":\"" + type + "\",\"eventId\":\"e\"}}"), type);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
