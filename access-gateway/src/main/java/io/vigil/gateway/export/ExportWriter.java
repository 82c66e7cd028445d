package io.vigil.gateway.export;

import io.vigil.gateway.grants.ViewingGrant;
import io.vigil.gateway.http.BodySource;
import io.vigil.gateway.http.Json;
import io.vigil.gateway.media.AssembledVideo;
import io.vigil.gateway.media.FootageMap;
import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import io.vigil.storage.SegmentStore;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Makes an export: one MP4 per part of the footage map (a resolution or codec change
 * starts a new part), each hashed; the {@code export} ledger entry (durable before any
 * byte leaves) naming the parts and the footage lost; and the manifest, signed with the
 * server's Ed25519 ledger key, listing every clip, every recorded span and every gap with
 * its reason. Returns the zip as a stream.
 */
public final class ExportWriter {
    private ExportWriter() {}

    public record Prepared(BodySource zip, String fileName, Map<String, Object> manifest) {}

    /** Who asked, for whom and on what legal basis: the parts of the manifest that are not footage. */
    public record Request(ViewingGrant grant, String cameraName, String site, String recipient, ExportBasis basis, String client) {}

    public static Prepared prepare(SegmentStore store, FootageMap map, Request req, KeyPair signer, Ledger ledger, Instant now)
            throws Exception {
        if (map.isEmpty()) throw new IllegalArgumentException("no playable footage of camera " + map.camera() + " to export");
        List<ExportZipSource.Clip> clips = new ArrayList<>();
        List<Object> clipRows = new ArrayList<>();
        for (FootageMap.Part part : map.parts()) {
            AssembledVideo video = AssembledVideo.of(store, part)
                    .orElseThrow(() -> new java.io.IOException("part " + part.index() + " of the footage could not be read any more"));
            String name = map.parts().size() == 1 ? ExportFormat.CLIP : String.format("clip-%d.mp4", part.index() + 1);
            ClipDigest digest = ClipDigest.of(video.body(0, video.length() - 1));
            clips.add(new ExportZipSource.Clip(name, video, digest));
            clipRows.add(clipRow(name, part, video, digest));
        }
        ViewingGrant grant = req.grant();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("grantId", grant.id());
        details.put("client", req.client());
        details.put("sha256", clips.stream().map(c -> c.digest().sha256()).collect(Collectors.joining(",")));
        // One hash per clip, in part order; "bytes" stays one number (the export list reads it): all clips together.
        details.put("bytes", Long.toString(clips.stream().mapToLong(c -> c.digest().bytes()).sum()));
        details.put("clips", Integer.toString(clips.size()));
        details.put("legalBasis", req.basis().code());
        details.putAll(map.ledgerDetails());
        LedgerEntry entry = ledger.append(LedgerRecord.builder(LedgerEventType.EXPORT, now, grant.username()).camera(map.camera())
                .footage(map.footageStart(), map.footageEnd()).purpose(grant.purposeForLedger()).recipient(req.recipient())
                .legalBasis(req.basis().citation()).form("MP4 export with signed manifest").details(details).build());

        Map<String, Object> m = manifest(map, req, entry, now, clipRows, signer);
        byte[] manifest = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
        Signature s = Signature.getInstance(ExportFormat.SIGNATURE_ALGORITHM);
        s.initSign(signer.getPrivate());
        s.update(manifest);
        byte[] sig = (Base64.getEncoder().encodeToString(s.sign()) + "\n").getBytes(StandardCharsets.US_ASCII);
        String fileName = "vigil-" + map.camera() + "-" + map.footageStart().toString().replace(":", "") + ".zip";
        return new Prepared(new ExportZipSource(clips, manifest, sig), fileName, m);
    }

    private static Map<String, Object> clipRow(String name, FootageMap.Part part, AssembledVideo video, ClipDigest digest) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("file", name);
        c.put("part", part.index());
        c.put("from", video.footageStart().toString());
        c.put("to", video.footageEnd().toString());
        c.put("durationMs", Duration.between(video.footageStart(), video.footageEnd()).toMillis());
        c.put("width", part.width());
        c.put("height", part.height());
        c.put("codec", part.codec());
        c.put("sha256", digest.sha256());
        c.put("bytes", digest.bytes());
        return c;
    }

    private static Map<String, Object> manifest(FootageMap map, Request req, LedgerEntry entry, Instant now,
                                                List<Object> clipRows, KeyPair signer) {
        Map<String, Object> described = map.describe();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", ExportFormat.FORMAT);
        m.put("site", req.site());
        m.put("grantId", req.grant().id());
        m.put("camera", map.camera().value());
        m.put("cameraName", req.cameraName());
        m.put("requestedFrom", map.requestedFrom().toString());
        m.put("requestedTo", map.requestedTo().toString());
        m.put("footageFrom", map.footageStart().toString());
        m.put("footageTo", map.footageEnd().toString());
        m.put("complete", map.gaps().isEmpty());
        m.put("footageLost", !map.lostFootage().isEmpty());
        m.put("viewer", req.grant().username());
        m.put("purpose", req.grant().purpose().code());
        m.put("purposeText", req.grant().purposeText());
        m.put("recipient", req.recipient());
        m.put("legalBasis", req.basis().citation());
        m.put("exportedAt", now.toString());
        m.put("ledgerEntry", entry.number());
        m.put("clips", clipRows);
        m.put("spans", described.get("spans"));
        m.put("gaps", described.get("gaps"));
        Map<String, Object> signerInfo = new LinkedHashMap<>();
        signerInfo.put("algorithm", ExportFormat.SIGNATURE_ALGORITHM);
        signerInfo.put("publicKey", Base64.getEncoder().encodeToString(signer.getPublic().getEncoded()));
        signerInfo.put("fingerprint", KeyFingerprint.of(signer.getPublic()));
        signerInfo.put("key", "server ledger key");
        m.put("signer", signerInfo);
        return m;
    }
}
