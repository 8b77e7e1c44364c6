package org.conpaas.app.service;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The autoscaling rule: streaks above the target add a backend, long calm removes one, within min/max and after a cool-down. */
class AutoscalingTest {

    private static final Autoscaling RULE = new Autoscaling(200, 1, 3);
    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void twoMeasurementsAboveTheTargetAddABackendNamingTheFigure() {
        Autoscaling.Decision first = RULE.decide(340.0, 1, Autoscaling.Streak.NONE, T);
        assertThat(first.action()).isEqualTo(Autoscaling.Action.NONE);
        Autoscaling.Decision second = RULE.decide(355.4, 1, first.streak(), T.plusSeconds(10));
        assertThat(second.action()).isEqualTo(Autoscaling.Action.ADD);
        assertThat(second.reason()).isEqualTo("autoscaling: p95 355 ms above the 200 ms target");
        assertThat(second.streak()).isEqualTo(new Autoscaling.Streak(0, 0, T.plusSeconds(10)));
    }

    @Test
    void aMeasurementBackUnderTheTargetBreaksTheStreak() {
        Autoscaling.Decision first = RULE.decide(340.0, 1, Autoscaling.Streak.NONE, T);
        Autoscaling.Decision calm = RULE.decide(150.0, 1, first.streak(), T.plusSeconds(10));
        assertThat(RULE.decide(340.0, 1, calm.streak(), T.plusSeconds(20)).action()).isEqualTo(Autoscaling.Action.NONE);
    }

    @Test
    void nothingHappensDuringTheCoolDownNorBeyondMax() {
        Autoscaling.Streak hot = new Autoscaling.Streak(5, 0, T);
        assertThat(RULE.decide(900.0, 2, hot, T.plusSeconds(20)).action()).isEqualTo(Autoscaling.Action.NONE);
        assertThat(RULE.decide(900.0, 3, new Autoscaling.Streak(5, 0, null), T).action()).isEqualTo(Autoscaling.Action.NONE);
    }

    @Test
    void sixCalmMeasurementsOrNoRequestRemoveABackendButNeverBelowMin() {
        Autoscaling.Streak streak = Autoscaling.Streak.NONE;
        Autoscaling.Decision d = null;
        for (int i = 0; i < 6; i++) {
            d = RULE.decide(i % 2 == 0 ? null : 40.0, 2, streak, T.plusSeconds(10L * i));
            streak = d.streak();
        }
        assertThat(d.action()).isEqualTo(Autoscaling.Action.REMOVE);
        assertThat(RULE.decide(null, 1, new Autoscaling.Streak(0, 10, null), T).action()).isEqualTo(Autoscaling.Action.NONE);
    }

    @Test
    void fewerBackendsThanTheMinimumAreMadeUp() {
        Autoscaling rule = new Autoscaling(200, 2, 4);
        Autoscaling.Decision d = rule.decide(null, 1, Autoscaling.Streak.NONE, T);
        assertThat(d.action()).isEqualTo(Autoscaling.Action.ADD);
        assertThat(d.reason()).isEqualTo("autoscaling: 1 backend(s), the minimum is 2");
    }

    @Test
    void badSettingsAreNamed() {
        assertThat(Autoscaling.problemWith(5, 1, 2, 100)).startsWith("the target response time must be 10 to 60000 ms");
        assertThat(Autoscaling.problemWith(200, 3, 2, 100)).isEqualTo("autoscaling needs 1 <= min <= max <= 100 backends, not min 3 and max 2");
        assertThat(Autoscaling.problemWith(200, 1, 5, 100)).isNull();
    }
}
