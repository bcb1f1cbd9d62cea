package io.kcplab.transport.smux;

import java.nio.ByteBuffer;

/**
 * Sans-I/O smux frame decoder: bytes in, frames out. It never throws on the content of its input: a frame of
 * another version, an unknown command, a PSH longer than the maximum frame size, a SYN/FIN/NOP with a payload or
 * an UPD whose payload is not 8 bytes puts it in the failed state with a {@link #failure() reason} (smux's
 * ErrInvalidProtocol: the session ends). Feed it with {@link #feed}, take frames with {@link #next}.
 */
public final class FrameDecoder {

    private final int version;
    private final int maxFrameSize;
    private ByteBuffer buf;
    private String failure;
    private long frames;
    private long invalid;

    /**
     * @param version the only version accepted (1 or 2)
     * @param maxFrameSize the largest PSH payload accepted (1..65535; smux sends at most 32768)
     */
    public FrameDecoder(int version, int maxFrameSize) {
        if (version < 1 || version > 2) {
            throw new IllegalArgumentException("version: " + version + "; accepted: 1, 2");
        }
        if (maxFrameSize < 1 || maxFrameSize > 0xFFFF) {
            throw new IllegalArgumentException("maxFrameSize: " + maxFrameSize + "; accepted: 1..65535");
        }
        this.version = version;
        this.maxFrameSize = maxFrameSize;
        this.buf = ByteBuffer.allocate(Math.min(4096, Frame.HEADER_SIZE + maxFrameSize));
        buf.flip();
    }

    /** Appends input bytes. Ignored once failed. */
    public void feed(byte[] b, int off, int len) {
        if (failure != null || len == 0) {
            return;
        }
        buf.compact();
        if (buf.remaining() < len) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + len));
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
        buf.put(b, off, len);
        buf.flip();
    }

    /** The next whole frame, or null if more input is needed or the decoder has failed. */
    public Frame next() {
        if (failure != null || buf.remaining() < Frame.HEADER_SIZE) {
            return null;
        }
        int p = buf.position();
        int ver = buf.get(p) & 0xFF;
        int cmd = buf.get(p + 1) & 0xFF;
        int length = (buf.get(p + 2) & 0xFF) | (buf.get(p + 3) & 0xFF) << 8;
        int sid = (buf.get(p + 4) & 0xFF) | (buf.get(p + 5) & 0xFF) << 8 | (buf.get(p + 6) & 0xFF) << 16
                | (buf.get(p + 7) & 0xFF) << 24;
        String bad = check(ver, cmd, length, sid);
        if (bad != null) {
            failure = bad;
            invalid++;
            return null;
        }
        if (buf.remaining() < Frame.HEADER_SIZE + length) {
            return null;
        }
        byte[] data = new byte[length];
        buf.position(p + Frame.HEADER_SIZE);
        buf.get(data);
        frames++;
        return new Frame(ver, cmd, sid, data);
    }

    private String check(int ver, int cmd, int length, int sid) {
        if (ver != version) {
            return "invalid protocol: frame version " + ver + ", this session speaks smux v" + version
                    + " (both ends must use the same --smuxver)";
        }
        switch (cmd) {
            case Frame.SYN, Frame.FIN, Frame.NOP -> {
                if (length != 0) {
                    return "invalid protocol: " + Frame.cmdName(cmd) + " frame with a " + length + "-byte payload";
                }
            }
            case Frame.PSH -> {
                if (length > maxFrameSize) {
                    return "invalid protocol: PSH of " + length + " bytes on stream " + (sid & 0xFFFFFFFFL)
                            + " exceeds the maximum frame size " + maxFrameSize;
                }
            }
            case Frame.UPD -> {
                if (length != Frame.UPD_SIZE) {
                    return "invalid protocol: UPD frame with a " + length + "-byte payload (expected 8)";
                }
            }
            default -> {
                return "invalid protocol: unknown command " + cmd + " (version " + ver + ")";
            }
        }
        return null;
    }

    /** Why decoding stopped, or null while the input is well-formed. */
    public String failure() {
        return failure;
    }

    public boolean failed() {
        return failure != null;
    }

    /** Bytes fed but not yet taken as frames. */
    public int buffered() {
        return buf.remaining();
    }

    /** Frames decoded. */
    public long frames() {
        return frames;
    }

    /** Invalid frames seen (0 or 1: decoding stops at the first). */
    public long invalidFrames() {
        return invalid;
    }
}
