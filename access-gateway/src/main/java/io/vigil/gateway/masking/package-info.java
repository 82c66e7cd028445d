/**
 * Privacy masking wired into the gateway (docs/redaction.md "In the gateway"): still frames
 * for marking the requester, the masking job in the background with its progress, the
 * review (face tracks, overlap flags, edits, the masked preview), the release of a masked
 * copy with its signed manifest, and the kiosk viewings that play released copies only.
 * Uses the {@code redaction} module; never the gateway's root package (the assembly
 * {@code AccessGateway} builds these services and hands them to the API classes).
 */
package io.vigil.gateway.masking;
