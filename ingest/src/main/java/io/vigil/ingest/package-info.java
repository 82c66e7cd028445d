/**
 * Ingest: records every configured camera. The data path, one stage per package:
 * <pre>
 * camera ─ RTSP (rtsp.client pulls / rtsp.server receives pushes; supervisor keeps pull
 *          cameras connected)
 *        ─ stream (the seam: video track + raw RTP packets)
 *        ─ recording (CameraRecorder: one camera, all its sessions)
 *            ─ rtp (parse, reorder, unwrap timestamps)
 *            ─ codec (depacketize into access units, parameter sets)
 *            ─ fmp4 (cut into segments, write the boxes)
 *            ─ recording (disk queue, gaps) ─ storage (SegmentStore.append)
 *                 └ activity (after the append: the segment's keyframe measured for the
 *                   activity line, on its own worker, skipped when it falls behind)
 * </pre>
 * {@link io.vigil.ingest.IngestService} is what the server starts; sim serves synthetic
 * cameras for the demo and benchmarks.
 */
package io.vigil.ingest;
