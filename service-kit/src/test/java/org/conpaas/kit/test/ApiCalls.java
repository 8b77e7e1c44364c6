package org.conpaas.kit.test;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls a service's API as a client would, and checks problem+json answers. */
public final class ApiCalls {

    private ApiCalls() {
    }

    public static ResponseEntity<String> call(TestRestTemplate http, HttpMethod method, String path, String token, String body) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        if (body != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    /** A problem+json answer with this status whose detail says {@code detailPart}, and no internals. */
    public static void assertProblem(ResponseEntity<String> response, HttpStatus status, String detailPart) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(String.valueOf(response.getHeaders().getContentType())).startsWith("application/problem+json");
        assertThat(response.getBody()).contains(detailPart).doesNotContain("Exception").doesNotContain("at org.");
    }
}
