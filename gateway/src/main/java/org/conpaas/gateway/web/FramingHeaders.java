package org.conpaas.gateway.web;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;

/**
 * A request's headers as Netty decodes them, remembering that the decoder dropped a
 * Content-Length because Transfer-Encoding was there too: Netty then reads the body as chunked
 * and keeps the connection, which is how a request is smuggled past a proxy that read the other
 * length. {@link HttpRefusals} refuses such a request and closes the connection.
 */
final class FramingHeaders extends DefaultHttpHeaders {

    /** Headers for requests (validated as Netty's own are); trailers keep Netty's. */
    static final HttpHeadersFactory FACTORY = new HttpHeadersFactory() {
        @Override
        public HttpHeaders newHeaders() {
            return new FramingHeaders();
        }

        @Override
        public HttpHeaders newEmptyHeaders() {
            return new FramingHeaders();
        }
    };

    private boolean contentLengthDropped;

    @Override
    public HttpHeaders remove(String name) {
        return remove((CharSequence) name);
    }

    @Override
    public HttpHeaders remove(CharSequence name) {
        if (!contentLengthDropped && HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name)
                && contains(HttpHeaderNames.CONTENT_LENGTH) && contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            contentLengthDropped = true;
        }
        return super.remove(name);
    }

    boolean hadContentLengthAndTransferEncoding() {
        return contentLengthDropped;
    }
}
