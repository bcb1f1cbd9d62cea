package io.kcplab.transport.perf;

import java.security.MessageDigest;

/** One end's view of the pattern stream: counts and hashes it, and (receiving) checks it against the seed. */
final class StreamCheck {

    private final StreamPattern pattern;
    private final MessageDigest sha = StreamPattern.newSha256();
    private long bytes;
    private long mismatchAt = -1;
    private byte[] digest;

    StreamCheck(long seed) {
        this.pattern = new StreamPattern(seed);
    }

    /** Bytes received: hashes and checks them. */
    void received(byte[] buf, int off, int len) {
        sha.update(buf, off, len);
        long m = pattern.verify(buf, off, len);
        if (mismatchAt < 0 && m >= 0) {
            mismatchAt = m;
        }
        bytes += len;
    }

    /** Fills the next {@code len} pattern bytes into {@code buf} and hashes them (sending). */
    void generate(byte[] buf, int off, int len) {
        pattern.fill(buf, off, len);
        sha.update(buf, off, len);
        bytes += len;
    }

    long bytes() {
        return bytes;
    }

    long mismatchAt() {
        return mismatchAt;
    }

    byte[] digest() {
        if (digest == null) {
            digest = sha.digest();
        }
        return digest.clone();
    }

    String hex() {
        return StreamPattern.hex(digest());
    }
}
