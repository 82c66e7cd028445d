package io.vigil.server.health;

import static org.junit.jupiter.api.Assertions.*;

import io.vigil.gateway.i18n.Messages;
import io.vigil.ingest.supervisor.CameraReason;
import io.vigil.purge.PurgeHealth;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Ingest and the purge give their reasons as codes (they have no bundles); the gateway words
 * them. Here, where both sides are visible: every code either module can give has a text in
 * Korean and in English, and both texts use the same placeholders.
 */
class ReasonCodesAreWordedTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    @Test
    void everyCameraAndPurgeReasonCodeHasKoreanAndEnglishWordsWithTheSamePlaceholders() throws Exception {
        List<String> codes = new ArrayList<>();
        codes.addAll(codes(CameraReason.class, "camera.reason."));
        codes.addAll(codes(PurgeHealth.class, "health.purge."));
        assertTrue(codes.size() >= 20, "the codes were found: " + codes);
        for (String code : codes) {
            String ko = Messages.get().bundle("ko").get(code);
            String en = Messages.get().bundle("en").get(code);
            assertNotNull(ko, code + " has no Korean text");
            assertNotNull(en, code + " has no English text");
            assertEquals(placeholders(en), placeholders(ko), code + ": the same arguments in both languages");
        }
    }

    private static List<String> codes(Class<?> type, String prefix) throws IllegalAccessException {
        List<String> out = new ArrayList<>();
        for (Field f : type.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && String.valueOf(f.get(null)).startsWith(prefix)) {
                out.add((String) f.get(null));
            }
        }
        return out;
    }

    private static List<String> placeholders(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) out.add(m.group(1));
        return out.stream().sorted().toList();
    }
}
