/**
 * Ledger entries caused by refusals, limited per source so a signed-in user or an
 * address cannot flood the ledger, and counted beyond the limit so nothing is lost
 * silently. Depends on storage only; the gateway's API, grants and live packages use it.
 */
package io.vigil.gateway.refusals;
