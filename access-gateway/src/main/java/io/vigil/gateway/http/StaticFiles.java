package io.vigil.gateway.http;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Serves the web pages from the classpath folder {@code web/} only. The decoded path
 * is refused when it could leave that folder (dot-dot, backslash, NUL, encoded slash
 * tricks) — the file system is never touched, so nothing else can be served.
 */
public final class StaticFiles implements Router.Handler {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final ClassLoader loader;
    private final Consumer<Exchange> onTraversal;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    public StaticFiles(ClassLoader loader, Consumer<Exchange> onTraversal) {
        this.loader = loader;
        this.onTraversal = onTraversal;
    }

    @Override
    public Reply handle(Exchange ex) throws IOException {
        if (!ex.method().equals(HttpMethod.GET) && !ex.method().equals(HttpMethod.HEAD)) {
            throw new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "pages are read with GET");
        }
        String name = safeName(ex);
        byte[] bytes = cache.get(name);
        if (bytes == null) {
            try (InputStream in = loader.getResourceAsStream("web/" + name)) {
                if (in == null) throw ApiException.notFound("no page " + ex.rawPath());
                bytes = in.readAllBytes();
            }
            cache.put(name, bytes);
        }
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        Reply r = Reply.bytes(HttpResponseStatus.OK, TYPES.getOrDefault(ext, "application/octet-stream"), bytes);
        // Pages are never stored: after a sign-out, Back must not show what a page showed.
        r.header("Cache-Control", ext.equals("html") ? "no-store" : "no-cache");
        return r;
    }

    /** The resource name below web/, or a 400 when the path tries to leave it. */
    String safeName(Exchange ex) {
        String raw = ex.rawPath();
        String decoded;
        try {
            decoded = QueryStringDecoder.decodeComponent(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("path", "is not validly percent-encoded");
        }
        // Decode once more: a double-encoded %252e%252e must not slip past either.
        String twice;
        try {
            twice = QueryStringDecoder.decodeComponent(decoded);
        } catch (IllegalArgumentException e) {
            twice = decoded;
        }
        for (String p : new String[] {raw, decoded, twice}) {
            if (p.contains("..") || p.contains("\\") || p.indexOf('\0') >= 0 || p.contains("//") || p.contains("/./")) {
                onTraversal.accept(ex);
                throw ApiException.badRequest("path", "may not contain '..', '//', '/./' or backslashes");
            }
        }
        if (decoded.equals("/")) return "index.html";
        if (!decoded.startsWith("/") || !decoded.matches("/[A-Za-z0-9_./-]+")) {
            throw ApiException.notFound("no page " + ex.rawPath());
        }
        String name = decoded.substring(1);
        if (name.endsWith("/")) name = name + "index.html";
        if (name.lastIndexOf('.') < name.lastIndexOf('/') + 1) throw ApiException.notFound("no page " + ex.rawPath());
        return name;
    }
}
