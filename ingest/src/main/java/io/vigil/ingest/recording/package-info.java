/**
 * Recording one camera: {@link io.vigil.ingest.recording.CameraRecorder} is the media
 * side's {@link io.vigil.ingest.stream.StreamListener}: it runs a session's packets
 * through rtp → codec → fmp4 and hands the finished segments, through the camera's
 * bounded {@link io.vigil.ingest.recording.DiskQueue}, to the store; it also records the
 * gaps while the camera is down. {@link io.vigil.ingest.recording.CameraRecorders} keeps
 * one recorder per camera for all its sessions. Last stage before storage.
 */
package io.vigil.ingest.recording;
