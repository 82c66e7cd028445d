package io.vigil.config;

/** How RTP travels from a camera: interleaved in the RTSP TCP connection, or UDP. */
public enum Transport { TCP, UDP }
