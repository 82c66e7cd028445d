/**
 * Keeps the cameras connected (before the data path proper): one
 * {@code PullConnection} per PULL camera (one session at a time, watchdog, backoff),
 * the push cameras' expectations, each camera's state and metrics. Reports a camera
 * down to the recording side so its gap is stored while it is down.
 */
package io.vigil.ingest.supervisor;
