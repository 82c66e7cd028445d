package io.vigil.gateway.masking;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.gateway.http.ApiException;
import io.vigil.redaction.RedactionException;
import java.util.Map;

/**
 * Turns the redaction module's messages for staff into the gateway's errors with a bundle
 * key per kind of problem (no footage, a mark outside the picture, a resolution change, a
 * corrupt or unreadable segment), so the page says it in the user's language; the module's
 * English sentence, which names the camera, segment and times, goes along as {detail}.
 */
public final class MaskingErrors {
    private MaskingErrors() {}

    public static ApiException of(RedactionException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        String kind;
        if (m.contains("has no footage")) kind = "no-footage";
        else if (m.contains("requester mark") || m.contains("not marked")) kind = "bad-mark";
        else if (m.contains("changes resolution")) kind = "resolution-change";
        else if (m.contains("cannot be decoded") || m.contains("no decodable") || m.contains("cannot be read")) kind = "corrupt-segment";
        else kind = "failed";
        String key = "masking.error." + kind;
        return ApiException.keyed(HttpResponseStatus.UNPROCESSABLE_ENTITY, "masking-refused", key, Map.of("detail", m));
    }

    /** A refusal of the masking API with its bundle key and parameters. */
    static ApiException refused(HttpResponseStatus status, String kind, Map<String, ?> params) {
        String key = "masking.refused." + kind;
        return ApiException.keyed(status, "masking-refused", key, params);
    }
}
