package io.vigil.gateway.choices;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finding an enum constant by its stable spelling in the API and the ledger (a choice's code,
 * a request's kind or state, a notice's kind): the one lookup every such enum uses.
 */
public final class Spellings {
    private Spellings() {
    }

    /** The constant of {@code type} whose {@code spelling} is {@code s}, if any. */
    public static <E extends Enum<E>> Optional<E> find(Class<E> type, Function<? super E, String> spelling, String s) {
        return Arrays.stream(type.getEnumConstants()).filter(c -> spelling.apply(c).equals(s)).findFirst();
    }
}
