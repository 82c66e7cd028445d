package io.vigil.bench;

import java.io.IOException;
import java.io.OutputStream;

/** Writes to two streams: a benchmark's report goes to the console and to its result file. */
public final class TeeOutputStream extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    public TeeOutputStream(OutputStream a, OutputStream b) {
        this.a = a;
        this.b = b;
    }

    @Override
    public void write(int x) throws IOException {
        a.write(x);
        b.write(x);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
        a.write(bytes, off, len);
        b.write(bytes, off, len);
    }

    @Override
    public void flush() throws IOException {
        a.flush();
        b.flush();
    }
}
