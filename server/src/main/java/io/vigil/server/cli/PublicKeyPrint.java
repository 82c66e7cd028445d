package io.vigil.server.cli;

import io.vigil.config.VigilConfig;
import io.vigil.server.StoreOpener;
import io.vigil.storage.keys.Keystore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Prints (or writes with --out) the public key that signs the ledger's heads and exports,
 * as PEM with its fingerprint. Two commands hand it out, each to its own reader:
 * {@code ledger public-key} (to check the ledger without the keystore) and
 * {@code export key} (to whoever receives exports); they differ only in their words.
 */
abstract class PublicKeyPrint extends ConfiguredCommand {
    @Option(names = "--out", paramLabel = "FILE", description = "write the PEM to this file (never overwrites one)")
    Path outFile;

    /** The bundle key of the line that says where the PEM was written. */
    abstract String writtenKey();

    @Override
    final int run(VigilConfig cfg) {
        StoreOpener.requireKeystore(cfg);
        Keystore ks = StoreOpener.withPassphrase(cfg, pass -> Keystore.open(cfg.keystore(), pass));
        PublicKeyFile.print(ks.ledgerKeyPair().getPublic(), outFile, writtenKey(), spec);
        return 0;
    }
}
