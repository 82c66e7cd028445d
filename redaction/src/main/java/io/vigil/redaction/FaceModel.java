package io.vigil.redaction;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bundled face model: MediaPipe's BlazeFace full-range (Apache-2.0), taken at build
 * time from the npm package {@value #NPM_PACKAGE} and checked there against
 * {@value #SHA256}. It is checked once more when loaded, so a jar whose model was
 * swapped refuses to mask anything. Nothing is ever downloaded at run time.
 */
public final class FaceModel {
    public static final String NPM_PACKAGE = "@mediapipe/face_detection@0.4.1657300184";
    public static final String FILE = "face_detection_full_range.tflite";
    public static final String SHA256 = "99bf9494d84f50acc6617d89873f71bf6635a841ea699c17cb3377f9507cfec3";
    private static final String RESOURCE = "/io/vigil/redaction/" + FILE;

    private static volatile byte[] bytes;

    private FaceModel() {}

    /** The model's bytes (verified); the array is shared, callers must not change it. */
    public static byte[] bytes() {
        byte[] b = bytes;
        if (b == null) {
            synchronized (FaceModel.class) {
                if (bytes == null) bytes = load();
                b = bytes;
            }
        }
        return b;
    }

    private static byte[] load() {
        try (InputStream in = FaceModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the face model " + FILE + " is missing from the class path ("
                        + RESOURCE + "); the build bundles it from npm " + NPM_PACKAGE);
            }
            byte[] b = in.readAllBytes();
            String got = sha256Hex(b);
            if (!got.equals(SHA256)) {
                throw new IllegalStateException("the bundled face model " + FILE + " has SHA-256 " + got
                        + ", not the pinned " + SHA256 + "; refusing to use it");
            }
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled face model " + RESOURCE, e);
        }
    }

    static String sha256Hex(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
