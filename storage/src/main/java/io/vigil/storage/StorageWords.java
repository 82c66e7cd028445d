package io.vigil.storage;

import io.vigil.config.BundleWords;
import java.time.ZoneId;
import java.util.Map;

/**
 * Storage's problems in words, from {@code i18n/storage_<lang>.properties} of this module: the
 * ledger verifier's account of a broken chain, fsck's findings, the store's errors. Storage
 * says them as {@link Reason}s; the command line and the pages word them here in the reader's
 * language, logs in English. Ids, numbers, paths and hashes are arguments, shown as they are.
 */
public final class StorageWords {
    static final String BUNDLE = "i18n/storage";

    private final BundleWords words;
    private final ZoneId zone;

    private StorageWords(BundleWords words, ZoneId zone) {
        this.words = words;
        this.zone = zone;
    }

    /** @param zone where times are shown (the site's time zone); UTC when null */
    public static StorageWords of(String language, ZoneId zone) {
        return new StorageWords(BundleWords.of(BUNDLE, language), zone);
    }

    /** English, times in UTC: for logs and exception messages. */
    public static StorageWords english() {
        return of("en", null);
    }

    /** Every key and text of one language (the bundle tests compare the languages). */
    public static Map<String, String> bundle(String language) {
        return BundleWords.bundle(BUNDLE, language);
    }

    public String text(Reason reason) {
        return reason.render(words::text, zone);
    }
}
