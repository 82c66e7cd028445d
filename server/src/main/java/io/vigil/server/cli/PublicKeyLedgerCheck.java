package io.vigil.server.cli;

import io.vigil.config.VigilConfig;
import io.vigil.gateway.export.KeyFingerprint;
import io.vigil.server.UserFacingException;
import io.vigil.server.i18n.CliText;
import io.vigil.storage.LedgerVerification;
import io.vigil.storage.VigilStores;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Set;

/**
 * {@code vigil ledger verify --public-key FILE}: the ledger's chain and signed heads checked
 * with a public key kept away from the server, without the keystore or its passphrase
 * (lost keystore, an auditor's own check). Opens the index read-only; writes and signs
 * nothing. Since the key inside each head row is only the row's own claim, a key that
 * matches none of them is told as "another key", not as forged heads.
 */
final class PublicKeyLedgerCheck {
    private final CliText text;
    private final PrintWriter out;

    PublicKeyLedgerCheck(CliText text, PrintWriter out) {
        this.text = text;
        this.out = out;
    }

    int run(VigilConfig cfg, Path keyFile) {
        PublicKey key = PublicKeyFile.read(keyFile, "--public-key");
        byte[] raw = PublicKeyFile.raw(key);
        Path dataDir = cfg.dataDir();
        Set<String> named = VigilStores.ledgerHeadKeys(dataDir);
        if (!named.isEmpty() && !named.contains(HexFormat.of().formatHex(raw))) {
            out.println(text.t("ledger.verify.wrongKey", "file", keyFile, "fingerprint", KeyFingerprint.of(key)));
            out.flush();
            return VigilCommand.EXIT_PROBLEM;
        }
        LedgerVerification v;
        try {
            v = VigilStores.verifyLedgerWithPublicKey(dataDir, raw);
        } catch (IllegalArgumentException notAPoint) { // 32 bytes that are no point of the curve
            throw new UserFacingException("key.notAKey", "file", keyFile, "option", "--public-key");
        }
        if (v.ok()) {
            out.println(text.t("ledger.verify.okWithKey", "entries", v.entries(), "heads", v.signedHeads(),
                    "fingerprint", KeyFingerprint.of(key)));
            out.flush();
            return 0;
        }
        printFailure(v, text, cfg.settings().timeZone(), out);
        return VigilCommand.EXIT_PROBLEM;
    }

    /** The first bad entry and what is wrong, worded from storage's bundles in the command line's language, times in the site's zone. */
    static void printFailure(LedgerVerification v, CliText text, java.time.ZoneId zone, PrintWriter out) {
        String problem = io.vigil.storage.StorageWords.of(text.language(), zone).text(v.reason());
        out.println(v.firstBadEntry()
                .map(n -> text.t("ledger.verify.failedAt", "entry", n, "problem", problem))
                .orElseGet(() -> text.t("ledger.verify.failed", "problem", problem)));
        out.println(text.t("ledger.verify.examined", "entries", v.entries(), "heads", v.signedHeads()));
        out.flush();
    }
}
