package io.vigil.gateway.requests;

import java.time.Instant;
import java.util.List;

/**
 * What the privacy manager types when a subject visits, before validation. Every field
 * may be null here; {@link RequestValidator} names the first one that is missing or wrong.
 * There is deliberately no field for an identity document's number: Vigil records how
 * identity was checked, never the number.
 */
public record RequestForm(
        String requesterName,
        String requesterContact,
        String documentType,
        String checkedBy,
        Instant checkedAt,
        Boolean childUnder14,
        String representativeName,
        String representativeRelationship,
        String representativeProof,
        List<String> kinds,
        List<String> cameras,
        Instant from,
        Instant to,
        String description,
        String reason,
        Boolean urgent) {}
