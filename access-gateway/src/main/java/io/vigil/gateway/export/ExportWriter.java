package io.vigil.gateway.export;

import io.vigil.gateway.grants.ViewingGrant;
import io.vigil.gateway.http.BodySource;
import io.vigil.gateway.http.Json;
import io.vigil.gateway.media.AssembledVideo;
import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes an export: hashes the clip, writes the {@code export} ledger entry (durable
 * before any byte leaves), builds and signs the manifest with the server's Ed25519
 * ledger key, and returns the zip as a stream.
 */
public final class ExportWriter {
    private ExportWriter() {}

    public record Prepared(BodySource zip, String fileName, Map<String, Object> manifest) {}

    public static Prepared prepare(AssembledVideo video, ViewingGrant grant, String camera, String cameraName, String site,
                                   String recipient, String client, KeyPair signer, Ledger ledger, Instant now) throws Exception {
        ClipDigest digest = ClipDigest.of(video.body(0, video.length() - 1));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("grantId", grant.id());
        details.put("client", client);
        details.put("sha256", digest.sha256());
        details.put("bytes", Long.toString(digest.bytes()));
        LedgerEntry entry = ledger.append(LedgerRecord.builder(LedgerEventType.EXPORT, now, grant.username()).cameras(camera)
                .footage(video.footageStart(), video.footageEnd()).purpose(grant.purposeForLedger()).recipient(recipient)
                .form("MP4 export with signed manifest").details(details).build());

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", ExportFormat.FORMAT);
        m.put("site", site);
        m.put("grantId", grant.id());
        m.put("camera", camera);
        m.put("cameraName", cameraName);
        m.put("footageFrom", video.footageStart().toString());
        m.put("footageTo", video.footageEnd().toString());
        m.put("viewer", grant.username());
        m.put("purpose", grant.purpose().code());
        m.put("purposeText", grant.purposeText());
        m.put("recipient", recipient);
        m.put("exportedAt", now.toString());
        m.put("ledgerEntry", entry.number());
        Map<String, Object> clip = new LinkedHashMap<>();
        clip.put("file", ExportFormat.CLIP);
        clip.put("sha256", digest.sha256());
        clip.put("bytes", digest.bytes());
        m.put("clip", clip);
        Map<String, Object> signerInfo = new LinkedHashMap<>();
        signerInfo.put("algorithm", ExportFormat.SIGNATURE_ALGORITHM);
        signerInfo.put("publicKey", Base64.getEncoder().encodeToString(signer.getPublic().getEncoded()));
        signerInfo.put("key", "server ledger key");
        m.put("signer", signerInfo);
        byte[] manifest = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
        Signature s = Signature.getInstance(ExportFormat.SIGNATURE_ALGORITHM);
        s.initSign(signer.getPrivate());
        s.update(manifest);
        byte[] sig = (Base64.getEncoder().encodeToString(s.sign()) + "\n").getBytes(StandardCharsets.US_ASCII);
        String fileName = "vigil-" + camera + "-" + video.footageStart().toString().replace(":", "") + ".zip";
        return new Prepared(new ExportZipSource(video.body(0, video.length() - 1), digest, manifest, sig), fileName, m);
    }
}
