package org.conpaas.gateway.web;

import org.conpaas.gateway.route.GatewayProperties;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Refuses bodies over the limit: by Content-Length before anything is forwarded, and for
 * chunked bodies by counting while they stream.
 */
@Component
class BodySizeLimitFilter implements WebFilter, Ordered {

    /** Code archives, SQL files to load and the archives nodes upload take the upload limit. */
    private static final java.util.regex.Pattern UPLOAD = java.util.regex.Pattern.compile(
            "/api/apps/[^/]+/services/[^/]+/(code|mysql/load)|/api/nodes/[^/]+/database-archives/[^/]+");

    private final long requestLimit;
    private final long uploadLimit;

    BodySizeLimitFilter(GatewayProperties properties) {
        this.requestLimit = properties.maxRequestSize().toBytes();
        this.uploadLimit = properties.maxUploadSize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        boolean upload = exchange.getRequest().getMethod() == org.springframework.http.HttpMethod.PUT
                && UPLOAD.matcher(exchange.getRequest().getPath().value()).matches();
        long limit = upload ? uploadLimit : requestLimit;
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length > limit) {
            return Problems.write(exchange, HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large",
                    "the request body has " + length + " bytes; at most " + limit + " are accepted");
        }
        if (length >= 0) {
            return chain.filter(exchange);
        }
        AtomicLong seen = new AtomicLong();
        ServerHttpRequestDecorator counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().map(buffer -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        DataBufferUtils.release(buffer);
                        throw new PayloadTooLargeException(limit, "is larger than allowed");
                    }
                    return buffer;
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
