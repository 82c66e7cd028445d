package io.vigil.gateway.api;

import io.vigil.gateway.requests.Deadlines;
import io.vigil.gateway.requests.RefusalGround;
import io.vigil.gateway.requests.RequestKind;
import io.vigil.gateway.requests.SubjectRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes of a subject request in API answers: a summary for lists, the whole record for one. */
final class RequestBodies {
    private RequestBodies() {}

    static Map<String, Object> summary(SubjectRequest r, Deadlines d, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", r.number());
        m.put("state", r.state().wire());
        m.put("kinds", r.kinds().stream().map(RequestKind::wire).toList());
        m.put("requesterName", r.requesterName());
        m.put("cameras", r.cameras());
        m.put("from", str(r.from()));
        m.put("to", str(r.to()));
        m.put("urgent", r.urgent());
        m.put("receivedAt", str(r.receivedAt()));
        m.put("registeredBy", r.registeredBy());
        m.put("deadline", str(r.deadline()));
        m.put("lastDay", d.lastDay(r.deadline()).toString());
        m.put("daysLeft", d.daysLeft(r.deadline(), now));
        m.put("deadlineFlag", d.flag(r, now).name().toLowerCase());
        return m;
    }

    static Map<String, Object> full(SubjectRequest r, Deadlines d, Instant now) {
        Map<String, Object> m = summary(r, d, now);
        m.put("requesterContact", r.requesterContact());
        SubjectRequest.IdentityCheck id = r.identity();
        m.put("documentType", id == null ? null : id.documentType());
        m.put("checkedBy", id == null ? null : id.checkedBy());
        m.put("checkedAt", id == null ? null : str(id.checkedAt()));
        m.put("childUnder14", r.childUnder14());
        SubjectRequest.Representative rep = r.representative();
        m.put("representativeName", rep == null ? null : rep.name());
        m.put("representativeRelationship", rep == null ? null : rep.relationship());
        m.put("representativeProof", rep == null ? null : rep.proof());
        m.put("description", r.description());
        m.put("reason", r.reason());
        m.put("holdId", r.holdId());
        m.put("decision", r.decision() == null ? null : decision(r.decision(), d));
        m.put("history", r.history().stream().map(RequestBodies::transition).toList());
        m.put("fulfilments", r.fulfilments().stream().map(RequestBodies::fulfilment).toList());
        m.put("kiosk", r.kiosk() == null ? null : kiosk(r.kiosk()));
        m.put("closedAt", str(r.closedAt()));
        m.put("personalDataErasedAt", str(r.personalDataErasedAt()));
        return m;
    }

    private static Map<String, Object> decision(SubjectRequest.Decision dec, Deadlines d) {
        Map<String, Object> dm = new LinkedHashMap<>();
        dm.put("outcome", dec.outcome().wire());
        dm.put("by", dec.by());
        dm.put("at", str(dec.at()));
        dm.put("grounds", dec.grounds().stream().map(RefusalGround::code).toList());
        dm.put("text", dec.text());
        dm.put("deferredUntil", dec.deferredUntil() == null ? null : d.lastDay(dec.deferredUntil()).toString());
        return dm;
    }

    private static Map<String, Object> transition(SubjectRequest.Transition t) {
        Map<String, Object> tm = new LinkedHashMap<>();
        tm.put("state", t.to().wire());
        tm.put("at", str(t.at()));
        tm.put("by", t.by());
        tm.put("reason", t.reason());
        return tm;
    }

    private static Map<String, Object> fulfilment(SubjectRequest.Fulfilment f) {
        Map<String, Object> fm = new LinkedHashMap<>();
        fm.put("action", f.action());
        fm.put("at", str(f.at()));
        fm.put("by", f.by());
        fm.put("summary", f.summary());
        return fm;
    }

    private static Map<String, Object> kiosk(SubjectRequest.KioskCode k) {
        Map<String, Object> km = new LinkedHashMap<>();
        km.put("issuedAt", str(k.issuedAt()));
        km.put("expiresAt", str(k.expiresAt()));
        km.put("usedAt", str(k.usedAt()));
        km.put("usedBy", k.usedBy());
        return km;
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }
}
