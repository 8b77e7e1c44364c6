package org.conpaas.agent;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {

    @Test
    void parsesNestedObjectsArraysAndEscapes() {
        Map<String, Object> object = Json.parseObject(
                " {\"a\":\"x\\\"y\\n\\u00e9\",\"n\":-12.5e1,\"t\":true,\"f\":false,\"z\":null,\"l\":[1,{\"b\":[]}],\"o\":{}} ");
        assertEquals("x\"y\né", object.get("a"));
        assertEquals(new BigDecimal("-12.5e1"), object.get("n"));
        assertEquals(Boolean.TRUE, object.get("t"));
        assertEquals(Boolean.FALSE, object.get("f"));
        assertTrue(object.containsKey("z"));
        assertEquals(List.of(new BigDecimal(1), Map.of("b", List.of())), object.get("l"));
        assertEquals(Map.of(), object.get("o"));
    }

    @Test
    void quoteEscapesWhatJsonRequires() {
        String text = "line \"one\"\n\ttab \\ \u0001 é";
        assertEquals("\"line \\\"one\\\"\\n\\ttab \\\\ \\u0001 é\"", Json.quote(text));
        assertEquals(text, Json.parseObject("{\"k\":" + Json.quote(text) + "}").get("k"));
    }

    @Test
    void refusesWhatIsNotOneObject() {
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[1]"));
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("{\"a\":1} x"));
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("{\"a\":}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("<html>"));
    }

    @Test
    void heartbeatAnswerAndHeartbeatShapes() {
        assertEquals(new HeartbeatAnswer(false, OptionalLong.empty()), HeartbeatAnswer.parse("{\"desired\":\"RUN\",\"codeVersion\":null}"));
        assertEquals(new HeartbeatAnswer(true, OptionalLong.of(4)), HeartbeatAnswer.parse("{\"desired\":\"STOP\",\"codeVersion\":4}"));
        assertThrows(IllegalArgumentException.class, () -> HeartbeatAnswer.parse("{\"desired\":\"PAUSE\"}"));
        assertFalse(HeartbeatAnswer.parse("{\"desired\":\"RUN\"}").codeVersion().isPresent());

        Map<String, Object> sent = Json.parseObject(new Heartbeat(ServiceState.RUNNING, "no code uploaded", "a\nb", null).toJson());
        assertEquals(Map.of("state", "RUNNING", "detail", "no code uploaded", "logTail", "a\nb"),
                Map.of("state", sent.get("state"), "detail", sent.get("detail"), "logTail", sent.get("logTail")));
        assertTrue(sent.containsKey("httpPort") && sent.get("httpPort") == null);
        assertEquals(new BigDecimal(8080), Json.parseObject(new Heartbeat(ServiceState.RUNNING, "", "", 8080).toJson()).get("httpPort"));
    }
}
