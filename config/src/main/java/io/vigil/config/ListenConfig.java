package io.vigil.config;

import java.net.InetSocketAddress;

/**
 * Where Vigil listens.
 *
 * @param https     the access gateway (web viewer and API), always TLS
 * @param httpRedirect plain HTTP that only redirects to https, or null for none
 * @param rtsp      the RTSP server for pushed cameras (and camera-sim), or null for none
 */
public record ListenConfig(InetSocketAddress https, InetSocketAddress httpRedirect, InetSocketAddress rtsp) {}
