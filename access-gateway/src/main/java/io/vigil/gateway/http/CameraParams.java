package io.vigil.gateway.http;

import io.vigil.config.CameraId;
import io.vigil.config.VigilConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Camera ids where they enter over HTTP (a query parameter, a JSON body's list): checked once
 * here, then passed inward as {@link CameraId}, so no handler or service behind re-checks a
 * string. A malformed id is a 400 naming the field and the id rule.
 */
public final class CameraParams {
    private CameraParams() {}

    /** The id given in {@code field}; a 400 naming the field and {@link CameraId#RULE} when it breaks the rule. */
    public static CameraId parse(String field, String raw) {
        if (!CameraId.isValid(raw)) {
            throw ApiException.badRequest(field, "'" + raw + "' is not a valid camera id (" + CameraId.RULE + ")");
        }
        return CameraId.of(raw);
    }

    /** The required query parameter {@code name} as a camera id. */
    public static CameraId query(Exchange ex, String name) {
        return parse(name, ex.requiredQuery(name));
    }

    /**
     * Ids that must each name a configured camera, in the order given: one that does not (a
     * malformed id included, since no configured camera has one) is a 400 {@code no camera 'x'}.
     */
    public static List<CameraId> configured(VigilConfig config, String field, List<String> raw) {
        List<CameraId> out = new ArrayList<>(raw.size());
        for (String c : raw) {
            if (config.camera(c) == null) throw ApiException.badRequest(field, "no camera '" + c + "'");
            out.add(CameraId.of(c));
        }
        return out;
    }
}
