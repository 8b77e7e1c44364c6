package org.conpaas.gateway.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Right behind Netty's HTTP decoder: answers what cannot be read as one well-framed request with
 * problem+json and closes the connection, so nothing sent after it on that connection is read.
 * That is a request line too long (414), headers too large (431), a malformed request (400),
 * Content-Length together with Transfer-Encoding (400) and a transfer coding other than
 * {@code chunked} (501). Reactor Netty would answer the first three with an empty body and let
 * the last two through.
 */
final class HttpRefusals extends ChannelInboundHandlerAdapter {

    private boolean refused;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            FullHttpResponse refusal = refusalOf(request);
            if (refusal != null) {
                refused = true;
                ReferenceCountUtil.release(msg);
                ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    static FullHttpResponse refusalOf(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            if (cause instanceof TooLongHttpLineException) {
                return problem(HttpResponseStatus.REQUEST_URI_TOO_LONG, "the request line (method and URI) is longer than accepted");
            }
            if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
                return problem(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "the request's headers are larger than accepted");
            }
            return problem(HttpResponseStatus.BAD_REQUEST,
                    "the request is not well-formed HTTP: its request line or a header could not be read");
        }
        if (request.headers() instanceof FramingHeaders framing && framing.hadContentLengthAndTransferEncoding()) {
            return problem(HttpResponseStatus.BAD_REQUEST,
                    "the request has both Content-Length and Transfer-Encoding; send exactly one of them");
        }
        List<String> codings = request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (!codings.isEmpty() && (codings.size() > 1 || !codings.get(0).trim().equalsIgnoreCase("chunked")
                || request.protocolVersion().equals(HttpVersion.HTTP_1_0))) {
            String given = String.join(", ", codings);
            return problem(HttpResponseStatus.NOT_IMPLEMENTED, "the transfer coding '"
                    + (given.length() > 60 ? given.substring(0, 60) + "…" : given)
                    + "' is not supported: send the body with Content-Length or with 'Transfer-Encoding: chunked' over HTTP/1.1");
        }
        return null;
    }

    private static FullHttpResponse problem(HttpResponseStatus status, String detail) {
        String body = "{\"type\":\"about:blank\",\"title\":" + Problems.quote(status.reasonPhrase()) + ",\"status\":" + status.code()
                + ",\"detail\":" + Problems.quote(detail) + "}";
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(RequestIdFilter.HEADER, UUID.randomUUID().toString());
        return response;
    }
}
