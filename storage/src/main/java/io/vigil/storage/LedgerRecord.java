package io.vigil.storage;

import io.vigil.config.CameraId;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One row of the policy's management ledger (video policy Art. 7; docs/ledger.md, "Ledger"):
 * what happened, when, to which footage, by whom, why, for whom, under which legal basis,
 * in which form and for which period. Fields that do not apply are null.
 *
 * <p>Build new records with {@link #builder}; the canonical constructor is the stored form
 * (the ledger's codec and tests of it use it).
 *
 * @param type       what happened: the {@link LedgerEventType#code() code} of an event type
 * @param time       when it happened (server clock)
 * @param actor      staff member or system component that acted ("purge-daemon", "alice")
 * @param cameraIds  footage concerned: camera ids, comma separated, or null
 * @param footageFrom start of the footage range concerned, or null
 * @param footageTo  end of the footage range concerned, or null
 * @param purpose    purpose category and free text, or null
 * @param recipient  requester or recipient, or null
 * @param legalBasis legal basis, or null
 * @param form       form of provision (viewing, MP4 export, ...), or null
 * @param period     period of use or retention, or null
 * @param details    any other facts (client address, grant id, key ids, result, counts)
 */
public record LedgerRecord(
        String type,
        Instant time,
        String actor,
        String cameraIds,
        Instant footageFrom,
        Instant footageTo,
        String purpose,
        String recipient,
        String legalBasis,
        String form,
        String period,
        Map<String, String> details) {

    public LedgerRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(actor, "actor");
        details = details == null ? Map.of() : Map.copyOf(new TreeMap<>(details));
    }

    /** A record with only the mandatory fields and details; the rest null. */
    public static LedgerRecord of(LedgerEventType type, Instant time, String actor, Map<String, String> details) {
        return builder(type, time, actor).details(details).build();
    }

    /** A record of a type given by its stored code (reading, and tests of the stored form). */
    public static LedgerRecord of(String type, Instant time, String actor, Map<String, String> details) {
        return new LedgerRecord(type, time, actor, null, null, null, null, null, null, null, null, details);
    }

    public static Builder builder(LedgerEventType type, Instant time, String actor) {
        return new Builder(type.code(), time, actor);
    }

    /**
     * Cameras as the record stores them: each id's string, comma separated, in the given
     * order ({@code ""} for none), byte for byte what was written before cameras were typed.
     */
    public static String cameraList(Collection<CameraId> cameras) {
        StringBuilder b = new StringBuilder();
        for (CameraId c : cameras) {
            if (b.length() > 0) b.append(',');
            b.append(c.value());
        }
        return b.toString();
    }

    /** Whether this record is of {@code type}. */
    public boolean is(LedgerEventType type) {
        return this.type.equals(type.code());
    }

    /** Builds a record field by field; fields not set stay null (they do not apply). */
    public static final class Builder {
        private final String type;
        private final Instant time;
        private final String actor;
        private String cameraIds;
        private Instant footageFrom;
        private Instant footageTo;
        private String purpose;
        private String recipient;
        private String legalBasis;
        private String form;
        private String period;
        private Map<String, String> details;

        private Builder(String type, Instant time, String actor) {
            this.type = type;
            this.time = time;
            this.actor = actor;
        }

        /** Camera ids, comma separated, or null. */
        public Builder cameras(String cameraIds) {
            this.cameraIds = cameraIds;
            return this;
        }

        /** The cameras concerned, stored as {@link LedgerRecord#cameraList} writes them. */
        public Builder cameras(Collection<CameraId> cameras) {
            return cameras(cameraList(cameras));
        }

        /** One camera concerned. */
        public Builder camera(CameraId camera) {
            return cameras(camera.value());
        }

        public Builder footage(Instant from, Instant to) {
            this.footageFrom = from;
            this.footageTo = to;
            return this;
        }

        public Builder purpose(String purpose) {
            this.purpose = purpose;
            return this;
        }

        public Builder recipient(String recipient) {
            this.recipient = recipient;
            return this;
        }

        public Builder legalBasis(String legalBasis) {
            this.legalBasis = legalBasis;
            return this;
        }

        public Builder form(String form) {
            this.form = form;
            return this;
        }

        public Builder period(String period) {
            this.period = period;
            return this;
        }

        public Builder details(Map<String, String> details) {
            this.details = details;
            return this;
        }

        public LedgerRecord build() {
            return new LedgerRecord(type, time, actor, cameraIds, footageFrom, footageTo, purpose, recipient, legalBasis,
                    form, period, details);
        }
    }
}
