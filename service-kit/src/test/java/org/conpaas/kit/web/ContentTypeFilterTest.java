package org.conpaas.kit.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ContentTypeFilterTest {

    @Test
    void concreteTypesPass() {
        assertThat(ContentTypeFilter.problemWith("application/json")).isNull();
        assertThat(ContentTypeFilter.problemWith("application/json; charset=utf-16")).isNull();
        assertThat(ContentTypeFilter.problemWith("application/zip")).isNull();
    }

    @Test
    void patternsAndJunkAreNamed() {
        assertThat(ContentTypeFilter.problemWith("*/*")).contains("'*/*' is a pattern");
        assertThat(ContentTypeFilter.problemWith("text/*")).contains("is a pattern");
        assertThat(ContentTypeFilter.problemWith("json")).contains("is not a media type");
        assertThat(ContentTypeFilter.problemWith("application/")).contains("is not a media type");
    }

    @Test
    void aWildcardBodyIsRefusedWith415BeforeTheChain() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/apps");
        request.setContentType("*/*");
        request.setContent("{}".getBytes());
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        new ContentTypeFilter().doFilter(request, response, chain);
        assertThat(response.getStatus()).isEqualTo(415);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(chain.getRequest()).as("the chain never ran").isNull();
    }

    @Test
    void noContentTypeGoesOn() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/apps");
        MockFilterChain chain = new MockFilterChain();
        new ContentTypeFilter().doFilter(request, new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).isSameAs(request);
    }
}
