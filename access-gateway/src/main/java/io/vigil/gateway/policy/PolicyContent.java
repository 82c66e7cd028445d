package io.vigil.gateway.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.config.CameraConfig;
import io.vigil.config.PolicyConfig;
import io.vigil.config.VigilConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts of the published policy, taken from the running configuration: cameras (how
 * many, where, what they film), shooting time, retention, storage place and method, the
 * responsible officer and manager, where footage is viewed. The page words them from the
 * bundles in Korean or English; the ledger compares their hash to notice a change. The
 * wording of the bundles is the release's, not the hospital's, so it is not hashed.
 */
public final class PolicyContent {
    /** Vigil records around the clock; there is no setting for it. */
    static final String SHOOTING_TIME = "24h";
    /** How footage is kept (segment-format.md): the page words it. */
    static final String STORAGE_METHOD = "aes-256-gcm";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> facts;

    private PolicyContent(Map<String, Object> facts) {
        this.facts = facts;
    }

    public static PolicyContent of(VigilConfig config) {
        PolicyConfig p = config.policy();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("site", config.site());
        List<Map<String, Object>> cameras = new ArrayList<>();
        for (CameraConfig c : config.cameras()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("location", c.location());
            m.put("range", c.range());
            cameras.add(m);
        }
        f.put("cameraCount", cameras.size());
        f.put("cameras", cameras);
        f.put("shootingTime", SHOOTING_TIME);
        f.put("retentionDays", config.retention().days());
        f.put("storagePlace", p.storagePlace());
        f.put("storageMethod", STORAGE_METHOD);
        f.put("viewingPlace", p.viewingPlace());
        f.put("officer", person(p.officer()));
        f.put("manager", person(p.manager()));
        f.put("enacted", p.enacted() == null ? null : p.enacted().toString());
        return new PolicyContent(f);
    }

    private static Map<String, Object> person(PolicyConfig.Person p) {
        if (p == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("position", p.position());
        m.put("contact", p.contact());
        return m;
    }

    public Map<String, Object> facts() {
        return facts;
    }

    /** The facts as JSON in a fixed order: the same configuration always gives the same bytes. */
    public String canonicalJson() {
        try {
            return JSON.writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("policy facts are plain maps, lists and strings", e);
        }
    }

    /** SHA-256 of {@link #canonicalJson()}, hex. */
    public String hash() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonicalJson().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Top-level facts that differ from an earlier content's JSON (for the change history). */
    public List<String> changedSince(String earlierJson) {
        List<String> changed = new ArrayList<>();
        Map<?, ?> earlier;
        try {
            earlier = JSON.readValue(earlierJson, Map.class);
        } catch (JsonProcessingException | RuntimeException e) {
            return List.copyOf(facts.keySet());
        }
        Map<?, ?> now = JSON.convertValue(facts, Map.class);
        for (Object key : now.keySet()) {
            if (!java.util.Objects.equals(now.get(key), earlier.get(key))) changed.add(String.valueOf(key));
        }
        return changed;
    }
}
