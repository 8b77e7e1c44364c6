package org.conpaas.kit.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kit's ObjectMapper reads exactly what was sent, and says what is wrong in words. */
class StrictJsonTest {

    record Order(String name, int nodes, boolean enabled, List<Integer> sizes) {
    }

    private final ObjectMapper mapper = mapper();

    @Test
    void readsWhatIsWritten() throws Exception {
        assertThat(mapper.readValue("{\"name\":\"x\",\"nodes\":3,\"enabled\":true,\"sizes\":[1]}", Order.class))
                .isEqualTo(new Order("x", 3, true, List.of(1)));
    }

    @Test
    void anAbsentPrimitiveKeepsItsDefault() throws Exception {
        assertThat(mapper.readValue("{\"name\":\"x\"}", Order.class)).isEqualTo(new Order("x", 0, false, null));
    }

    @Test
    void refusesCoercionTruncationNullsAndTrailingData() {
        assertThat(refusal("{\"nodes\":\"3\"}")).isEqualTo("field 'nodes' must be a whole number");
        assertThat(refusal("{\"nodes\":3.7}")).isEqualTo("field 'nodes' must be a whole number");
        assertThat(refusal("{\"nodes\":null}")).isEqualTo("field 'nodes' must be a whole number");
        assertThat(refusal("{\"enabled\":\"true\"}")).isEqualTo("field 'enabled' must be true or false");
        assertThat(refusal("{\"name\":1}")).isEqualTo("field 'name' must be text");
        assertThat(refusal("{\"sizes\":[\"1\"]}")).isEqualTo("field 'sizes[0]' must be a whole number");
        assertThat(refusal("{\"name\":\"x\"} garbage")).isEqualTo("the request body is not valid JSON (line 1, column 21)");
        assertThat(refusal("{\"name\":\"x\"} 7")).isEqualTo("the request body must be one JSON value with nothing after it");
        assertThat(refusal("{\"name\":\"x\"}{\"name\":\"y\"}")).isEqualTo("the request body must be one JSON value with nothing after it");
        assertThat(refusal("[]")).isEqualTo("the request body must be an object");
    }

    private String refusal(String body) {
        MappingJackson2HttpMessageConverter converter = new MappingJackson2HttpMessageConverter(mapper);
        MockHttpInputMessage input = new MockHttpInputMessage(body.getBytes(StandardCharsets.UTF_8));
        input.getHeaders().setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        HttpMessageNotReadableException e = org.junit.jupiter.api.Assertions.assertThrows(HttpMessageNotReadableException.class,
                () -> converter.read(Order.class, input));
        String detail = UnreadableBody.detail(e);
        assertThat(detail).doesNotContainPattern(ProblemDetailsAdvice.INTERNALS);
        return detail;
    }

    private static ObjectMapper mapper() {
        Jackson2ObjectMapperBuilder builder = new Jackson2ObjectMapperBuilder();
        new StrictJson().customize(builder);
        return builder.build();
    }
}
