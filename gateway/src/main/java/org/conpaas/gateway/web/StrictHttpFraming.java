package org.conpaas.gateway.web;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpRequestDecoderSpec;
import reactor.netty.http.server.HttpServer;

/**
 * Puts {@link HttpRefusals} behind the HTTP/1.1 decoder of every connection, and gives that
 * decoder (same limits as configured) request headers that remember a dropped Content-Length.
 * Runs last, so it copies the limits other customizers set.
 */
@Component
class StrictHttpFraming implements NettyServerCustomizer, Ordered {

    static final String HANDLER = "conpaas.httpRefusals";

    @Override
    public HttpServer apply(HttpServer server) {
        HttpRequestDecoderSpec spec = server.configuration().decoder();
        HttpDecoderConfig config = new HttpDecoderConfig()
                .setMaxInitialLineLength(spec.maxInitialLineLength())
                .setMaxHeaderSize(spec.maxHeaderSize())
                .setMaxChunkSize(spec.maxChunkSize())
                .setInitialBufferSize(spec.initialBufferSize())
                .setAllowDuplicateContentLengths(spec.allowDuplicateContentLengths())
                .setAllowPartialChunks(spec.allowPartialChunks())
                .setHeadersFactory(FramingHeaders.FACTORY);
        return server.doOnChannelInit((observer, channel, remote) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) instanceof HttpServerCodec && pipeline.get(HANDLER) == null) {
                pipeline.replace(NettyPipeline.HttpCodec, NettyPipeline.HttpCodec, new HttpServerCodec(config));
                pipeline.addAfter(NettyPipeline.HttpCodec, HANDLER, new HttpRefusals());
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
