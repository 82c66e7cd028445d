/**
 * The privacy officer's audit over the ledger: one filter for search and CSV
 * ({@link io.vigil.gateway.audit.LedgerFilter}), viewings grouped into activities
 * ({@link io.vigil.gateway.audit.LedgerActivities}) and the policy's management ledger
 * ({@link io.vigil.gateway.audit.ManagementLedger}). Reads the ledger only; docs/ledger.md.
 */
package io.vigil.gateway.audit;
