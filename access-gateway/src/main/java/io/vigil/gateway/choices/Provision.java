package io.vigil.gateway.choices;

/**
 * A choice that is a legal provision (an export's legal basis, a ground for refusing a
 * subject request): its recorded text is the citation written into the management ledger's
 * legal-basis column and the signed manifests.
 */
public interface Provision extends Choice {
    /** The provision cited, e.g. {@code PIPA Art. 35(4) 1}. */
    default String citation() {
        return entry().text();
    }
}
