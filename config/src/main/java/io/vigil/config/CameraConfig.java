package io.vigil.config;

import java.net.URI;

/**
 * One camera.
 *
 * @param id              short stable id used in storage keys and URLs ({@link CameraId}'s rule), checked once here
 * @param name            display name
 * @param location        where it hangs (policy: installation location)
 * @param source          {@code PULL}: Vigil connects to {@code url}; {@code PUSH}: an encoder
 *                        publishes to Vigil's RTSP server at rtsp://HOST:PORT/{id}
 * @param url             RTSP URL for PULL (no credentials in it), null for PUSH
 * @param transport       RTP transport for PULL
 * @param username        RTSP user name for PULL, or null
 * @param password        where the RTSP password (PULL) comes from, or null
 * @param publishPassword where the publish password (PUSH) comes from; required for PUSH
 * @param liveUrl         a second, smaller stream of the same camera (PULL, same credentials) for the live
 *                        wall only: never recorded, pulled only while someone watches; null: the wall shows
 *                        the recorded stream (docs/live.md)
 * @param range           what it films, for the published policy (shooting range), or null when not described
 */
public record CameraConfig(
        CameraId id,
        String name,
        String location,
        Source source,
        URI url,
        Transport transport,
        String username,
        SecretRef password,
        SecretRef publishPassword,
        URI liveUrl,
        String range) {

    public enum Source { PULL, PUSH }

    /** Without a shooting range: for callers that do not publish a policy (tests, tools). */
    public CameraConfig(CameraId id, String name, String location, Source source, URI url, Transport transport, String username,
                        SecretRef password, SecretRef publishPassword, URI liveUrl) {
        this(id, name, location, source, url, transport, username, password, publishPassword, liveUrl, null);
    }

    /** Without a live stream of its own: the wall shows the recorded stream. */
    public CameraConfig(CameraId id, String name, String location, Source source, URI url, Transport transport, String username,
                        SecretRef password, SecretRef publishPassword) {
        this(id, name, location, source, url, transport, username, password, publishPassword, null, null);
    }
}
