package io.vigil.storage.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * UTF-8 encoding that refuses what is not Unicode text (an unpaired surrogate) instead of
 * silently writing '?' as {@code String.getBytes} would: a passphrase or a ledger field
 * must be stored exactly as given, or not at all. The encoder's own buffer is zeroed after
 * copying, so a passphrase leaves no second copy behind.
 */
public final class StrictUtf8 {
    private StrictUtf8() {}

    /** The UTF-8 bytes of {@code text}; empty when it is not valid Unicode text. */
    public static java.util.Optional<byte[]> encode(CharSequence text) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            if (encoded.hasArray()) Arrays.fill(encoded.array(), (byte) 0);
            return java.util.Optional.of(bytes);
        } catch (CharacterCodingException e) {
            return java.util.Optional.empty();
        }
    }
}
