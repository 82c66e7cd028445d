package io.vigil.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.storage.StorageWords;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A reason kept as text survives the round trip with any characters in its arguments, a
 * reason inside another is worded first, times follow the zone, and plain text (an older
 * row's English sentence) is never mistaken for a reason.
 */
class ReasonTest {

    @Test
    void encodedReasonsRoundTripWithAnyCharactersAndNesting() {
        Reason inner = Reason.of("rtsp.failure.refused");
        Reason r = Reason.of("gap.reason.since", "cause", "a=b&c?d; 한글 100%", "latest", inner);
        String stored = r.encode();
        assertTrue(stored.startsWith("@gap.reason.since?"), stored);
        assertEquals(Optional.of(r), Reason.decode(stored));
        assertEquals("gap.reason.since{cause=a=b&c?d; 한글 100%, latest=rtsp.failure.refused}", Reason.readable(stored));
        String worded = r.render((key, args) -> key + args, null);
        assertEquals("gap.reason.since{cause=a=b&c?d; 한글 100%, latest=rtsp.failure.refused{}}", worded);
    }

    @Test
    void plainTextIsNotAReason() {
        for (String old : new String[] {"camera closed the connection", "@ the door", "@", "Vigil was not running", ""}) {
            assertEquals(Optional.empty(), Reason.decode(old), old);
            assertEquals(old, Reason.render(old, (k, a) -> "worded", null));
        }
    }

    @Test
    void storagesWordsInBothLanguagesWithTimesInTheZone() {
        Reason truncated = Reason.of("ledger.problem.truncated", "from", 8, "size", 12, "signedAt", "2026-12-04T05:03:22Z", "last", 7);
        assertEquals("entries 8..12 were removed: the head signed 2026-12-04 05:03:22 covers 12 entries but the ledger ends at entry 7 (truncated)",
                StorageWords.english().text(truncated));
        String ko = StorageWords.of("ko", ZoneId.of("Asia/Seoul")).text(truncated);
        assertEquals("항목 8..12이(가) 삭제되었습니다: 2026-12-04 14:03:22에 서명된 헤드는 항목 12개를 덮지만 관리대장은 항목 7에서 끝납니다(잘림)", ko);
    }

    @Test
    void storagesBundlesHaveTheSameKeysAndPlaceholdersInBothLanguages() {
        Map<String, String> en = StorageWords.bundle("en");
        Map<String, String> ko = StorageWords.bundle("ko");
        assertEquals(en.keySet(), ko.keySet());
        for (String key : en.keySet()) {
            assertEquals(placeholders(en.get(key)), placeholders(ko.get(key)), key);
            assertTrue(ko.get(key).codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL), key);
        }
    }

    private static java.util.Set<String> placeholders(String text) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{[A-Za-z][A-Za-z0-9]*}").matcher(text);
        while (m.find()) out.add(m.group());
        return out;
    }
}
