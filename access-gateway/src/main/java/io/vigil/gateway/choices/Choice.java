package io.vigil.gateway.choices;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A constant of a list the pages offer to choose from (a viewing purpose, an export's legal
 * basis, a ground for refusing a subject request): a stable code for the API and the ledger,
 * and the text recorded with it (the provision cited, or a label). People read the bundle
 * text {@code <list>.<code>}; the enums implementing this differ only in their constants.
 */
public interface Choice {
    /** The code and the recorded text of one choice. */
    record Entry(String code, String text) {}

    Entry entry();

    default String code() {
        return entry().code();
    }

    /** The constant of {@code type} with that code, if any. */
    static <E extends Enum<E> & Choice> Optional<E> byCode(Class<E> type, String code) {
        return Spellings.find(type, Choice::code, code);
    }

    /** Every code of {@code type}, in the order offered. */
    static <E extends Enum<E> & Choice> List<String> codes(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Choice::code).toList();
    }
}
