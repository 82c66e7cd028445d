package io.vigil.gateway.http;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps method and path to a handler. Patterns use {@code {name}} for one path
 * segment ([A-Za-z0-9._-]+, so no encoded slash or dot-dot can reach a handler).
 * Paths not matched by any API route fall through to the static file handler.
 */
public final class Router {
    @FunctionalInterface
    public interface Handler {
        Reply handle(Exchange ex) throws Exception;
    }

    /** Runs before a matched handler: authentication, CSRF. May throw ApiException. */
    @FunctionalInterface
    public interface Guard {
        void check(Exchange ex, Route route);
    }

    public record Route(HttpMethod method, String template, Pattern pattern, List<String> names, Access access, Handler handler) {}

    /** Who may reach a route before its handler makes finer checks. */
    public enum Access { PUBLIC, SESSION, SESSION_OR_MONITORING }

    private final List<Route> routes = new ArrayList<>();
    private final Guard guard;
    private final Handler fallback;

    public Router(Guard guard, Handler fallback) {
        this.guard = guard;
        this.fallback = fallback;
    }

    public Router add(HttpMethod method, String template, Access access, Handler handler) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([a-zA-Z]+)}").matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            regex.append("([A-Za-z0-9_-][A-Za-z0-9._-]{0,127})");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        routes.add(new Route(method, template, Pattern.compile(regex.toString()), names, access, handler));
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    public Reply handle(Exchange ex) throws Exception {
        ex.requireDecodableQuery();
        String path = ex.rawPath();
        boolean pathMatched = false;
        for (Route r : routes) {
            Matcher m = r.pattern().matcher(path);
            if (!m.matches()) continue;
            pathMatched = true;
            if (!r.method().equals(ex.method())) continue;
            ex.route(r.method() + " " + r.template());
            Map<String, String> params = new HashMap<>();
            for (int i = 0; i < r.names().size(); i++) params.put(r.names().get(i), m.group(i + 1));
            ex.pathParams(params);
            guard.check(ex, r);
            return r.handler().handle(ex);
        }
        if (pathMatched) {
            throw new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                    ex.method() + " is not allowed on " + path);
        }
        if (path.startsWith("/api/")) throw ApiException.notFound("no API endpoint " + path);
        return fallback.handle(ex);
    }
}
