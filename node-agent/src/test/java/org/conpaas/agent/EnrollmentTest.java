package org.conpaas.agent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Enrollment in-process against the real HTTPS {@link TestDirector}, with a short patience. */
class EnrollmentTest {

    private static final Duration PATIENCE = Duration.ofMillis(700);

    @TempDir
    Path workDir;
    private final TestDirector director = new TestDirector();

    EnrollmentTest() throws Exception {
    }

    @AfterEach
    void stop() {
        director.close();
    }

    private Enrollment enrollment(Map<String, String> settings) throws Exception {
        return new Enrollment(AgentSettings.parse(settings, workDir), PATIENCE);
    }

    @Test
    void aDirectorWhoseCertificateDoesNotNameItsHostIsRefused() throws Exception {
        Map<String, String> settings = AgentProcess.settings(director, workDir, true);
        settings.put("director-url", director.url().toString().replace("127.0.0.1", "localhost"));

        EnrollmentRefused refused = assertThrows(EnrollmentRefused.class, () -> enrollment(settings).credentials());
        assertTrue(refused.getMessage().contains("SSLHandshakeException"), refused.getMessage());
        assertEquals(0, director.enrollAttempts.get());
    }

    @Test
    void aDirectorSignedByAnotherCaIsRefused() throws Exception {
        Map<String, String> settings = AgentProcess.settings(director, workDir, true);
        settings.put("ca-certificate", Base64.getEncoder().encodeToString(new TestCa().pem().getBytes(StandardCharsets.US_ASCII)));

        EnrollmentRefused refused = assertThrows(EnrollmentRefused.class, () -> enrollment(settings).credentials());
        assertTrue(refused.getMessage().contains("SSLHandshakeException"), refused.getMessage());
        assertEquals(0, director.enrollAttempts.get());
    }

    @Test
    void aTokenTheCaNeverLearnsGivesUpAfterThePatience() throws Exception {
        director.unknownTokenAnswers = Integer.MAX_VALUE;

        EnrollmentRefused refused = assertThrows(EnrollmentRefused.class,
                () -> enrollment(AgentProcess.settings(director, workDir, true)).credentials());
        assertEquals("could not enroll within 0 s; last: the CA does not know the token yet (unknown enrollment token)",
                refused.getMessage());
        int attempts = director.enrollAttempts.get();
        assertTrue(attempts >= 2 && attempts <= 3, "retried after 200 (and 600) ms, then gave up; attempts: " + attempts);
    }

    @Test
    void anExpiredTokenIsFinal() throws Exception {
        director.tokenRefusal = "this enrollment token expired at 2026-11-25T10:45:30Z; ask for a new one";

        EnrollmentRefused refused = assertThrows(EnrollmentRefused.class,
                () -> enrollment(AgentProcess.settings(director, workDir, true)).credentials());
        assertEquals("enrollment refused (401): this enrollment token expired at 2026-11-25T10:45:30Z; ask for a new one",
                refused.getMessage());
        assertEquals(1, director.enrollAttempts.get());
    }
}
