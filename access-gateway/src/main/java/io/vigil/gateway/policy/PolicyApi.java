package io.vigil.gateway.policy;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Reply;
import io.vigil.gateway.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published policy, without sign-in (anyone filmed may read it): {@code GET /policy}
 * is the page, {@code GET /api/v1/policy} its facts (from the running configuration) and
 * the dates it changed (from the ledger).
 */
public final class PolicyApi {
    private final PolicyPublication publication;
    private volatile byte[] page;

    public PolicyApi(PolicyPublication publication) {
        this.publication = publication;
    }

    public void register(Router r) {
        r.add(HttpMethod.GET, "/policy", Router.Access.PUBLIC, this::page);
        r.add(HttpMethod.GET, "/api/v1/policy", Router.Access.PUBLIC, this::policy);
    }

    private Reply page(Exchange ex) throws IOException {
        byte[] bytes = page;
        if (bytes == null) {
            try (InputStream in = PolicyApi.class.getClassLoader().getResourceAsStream("web/policy.html")) {
                if (in == null) throw ApiException.notFound("no page /policy");
                bytes = in.readAllBytes();
            }
            page = bytes;
        }
        return Reply.bytes(HttpResponseStatus.OK, "text/html; charset=utf-8", bytes);
    }

    private Reply policy(Exchange ex) {
        Map<String, Object> body = new LinkedHashMap<>(publication.content().facts());
        List<Map<String, Object>> changes = new ArrayList<>();
        for (PolicyPublication.Version v : publication.history()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("publishedAt", v.publishedAt().toString());
            m.put("changed", v.changed());
            m.put("ledgerEntry", v.entry());
            changes.add(m);
        }
        body.put("history", changes);
        return Reply.ok(body);
    }
}
