package io.kcplab.protocol.wire;

import io.kcplab.protocol.ConnectionConfig;
import io.kcplab.protocol.checksum.PacketChecksum;
import io.kcplab.protocol.crypto.BlockCrypt;
import io.kcplab.protocol.crypto.Ciphers;
import io.kcplab.protocol.fec.FecEncoder;
import java.util.Objects;

/**
 * Reads which conversation a wire datagram belongs to, without a session: what a listener needs to demultiplex
 * datagrams and to decide whether one may open a new conversation (kcp-go's {@code Listener.packetInput}).
 *
 * <p>The datagram goes through the same crypto stage as {@link PacketCodec#decode} (decrypt into a scratch
 * buffer, verify the checksum), so a datagram that fails decryption or the checksum is {@link #REJECTED}: it must
 * neither create a session nor cause a reply. An authentic datagram is then read as kcp-go does: an FEC data
 * packet carries its first KCP segment after the 8-byte FEC header, a parity packet carries no conversation
 * ({@link #NO_CONV}: it never opens a session), anything else is a KCP segment from its first byte. KcpLab is
 * stricter than kcp-go in one way: the first segment must carry one of KCP's four commands (81..84), so
 * unauthenticated garbage on a cipher-less listener does not look like a conversation.
 *
 * <p>Allocation-free after construction. Not thread-safe: one inspector per listener thread (event loop).
 */
public final class DatagramInspector {

    /** Not a datagram of this configuration: too short or long, failed decryption/checksum, or not KCP. */
    public static final int REJECTED = 0;
    /** Authentic, but carries no conversation id (an FEC parity packet). */
    public static final int NO_CONV = 1;
    /** Authentic, with a KCP segment: {@link #conv()} and {@link #sn()} are valid. */
    public static final int CONV = 2;

    private static final int CMD_PUSH = 81;
    private static final int CMD_WINS = 84;

    private final BlockCrypt cipher;         // null: no crypto header
    private final PacketChecksum checksum;   // null iff cipher is null
    private final int cryptoHeader;
    private final byte[] plain = new byte[PacketCodec.MTU_LIMIT];

    private int conv;
    private int sn;
    private int cmd;

    private DatagramInspector(BlockCrypt cipher, PacketChecksum checksum) {
        this.cipher = cipher;
        this.checksum = checksum;
        this.cryptoHeader = cipher == null ? 0 : PacketCodec.NONCE_SIZE + checksum.size();
    }

    /** An inspector for datagrams of sessions built from {@code config} (same cipher, key and checksum). */
    public static DatagramInspector of(ConnectionConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.cipher() == null) {
            return new DatagramInspector(null, null);
        }
        byte[] pass = config.pass();
        return new DatagramInspector(Ciphers.create(config.cipher(), pass),
                config.checksum().newChecksum(pass, config.simd()));
    }

    /**
     * Classifies {@code datagram[off, off + len)}; the caller's bytes are not modified. Never throws on content.
     *
     * @return {@link #REJECTED}, {@link #NO_CONV} or {@link #CONV}
     */
    public int inspect(byte[] datagram, int off, int len) {
        if (datagram == null || off < 0 || len < 0 || off > datagram.length - len || len > PacketCodec.MTU_LIMIT) {
            return REJECTED;
        }
        byte[] p = datagram;
        int at = off;
        int remaining = len;
        if (cipher != null) {
            if (len < cryptoHeader) {
                return REJECTED;
            }
            cipher.decrypt(datagram, off, plain, 0, len);
            if (!checksum.verify(plain, PacketCodec.NONCE_SIZE, len)) {
                return REJECTED;
            }
            p = plain;
            at = cryptoHeader;
            remaining = len - cryptoHeader;
        }
        if (remaining < PacketCodec.KCP_OVERHEAD) {
            return REJECTED;
        }
        int type = u16(p, at + 4);
        if (type == FecEncoder.TYPE_PARITY) {
            return NO_CONV;
        }
        if (type == FecEncoder.TYPE_DATA) {
            at += PacketCodec.FEC_HEADER_SIZE_PLUS_2;
            remaining -= PacketCodec.FEC_HEADER_SIZE_PLUS_2;
            if (remaining < PacketCodec.KCP_OVERHEAD) {
                return REJECTED;
            }
        }
        int command = p[at + 4] & 0xff;
        if (command < CMD_PUSH || command > CMD_WINS) {
            return REJECTED;
        }
        cmd = command;
        conv = u32(p, at);
        sn = u32(p, at + 12);
        return CONV;
    }

    /** The first segment's conversation id (after {@link #CONV}). */
    public int conv() {
        return conv;
    }

    /** The first segment's sequence number (after {@link #CONV}); kcp-go replaces a session on conv change at sn 0. */
    public int sn() {
        return sn;
    }

    /** The first segment's command, 81 (push) .. 84 (window tell) (after {@link #CONV}). */
    public int command() {
        return cmd;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static int u32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
