package io.kcplab.protocol.wire;

import io.kcplab.protocol.checksum.PacketChecksum;
import io.kcplab.protocol.crypto.BlockCrypt;
import io.kcplab.protocol.crypto.Ciphers;
import io.kcplab.protocol.crypto.KeyDerivation;
import io.kcplab.protocol.fec.ErasureCodec;
import io.kcplab.protocol.fec.ReferenceCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Shared pieces of the wire tests: configurations, KCP-like datagrams, recording sinks, a packet forger. */
final class WireFixtures {

    /** kcptun's pass for key "test" (docs/wire-format.md §2.1), computed once: PBKDF2 with 4096 rounds is slow. */
    static final byte[] PASS = KeyDerivation.kcptun("test");

    static final int[][] FEC_SHAPES = {{0, 0}, {3, 2}, {10, 3}};

    private WireFixtures() {
    }

    /** One side's settings; {@code cipher} null means no crypto layer at all. */
    static final class Config {
        final WireProfile profile;
        final String cipher;
        final int ds;
        final int ps;

        Config(WireProfile profile, String cipher, int ds, int ps) {
            this.profile = profile;
            this.cipher = cipher;
            this.ds = ds;
            this.ps = ps;
        }

        PacketCodec codec(long nonceSeed) {
            PacketCodec.Builder b = PacketCodec.builder().profile(profile).fec(ds, ps)
                    .nonceSource(NonceSource.seeded(nonceSeed)).erasureCodec(ReferenceCodec::new);
            if (cipher != null) {
                b.cipher(cipher, PASS);
            }
            return b.build();
        }

        @Override
        public String toString() {
            return profile + "/" + cipher + "/fec " + ds + "+" + ps;
        }
    }

    /** Every cipher name, no crypto at all, both profiles, FEC off / 3+2 / 10+3. */
    static List<Config> allConfigs() {
        List<Config> all = new ArrayList<>();
        List<String> ciphers = new ArrayList<>(Ciphers.names());
        ciphers.add(null);
        for (WireProfile p : WireProfile.values()) {
            for (String c : ciphers) {
                for (int[] f : FEC_SHAPES) {
                    all.add(new Config(p, c, f[0], f[1]));
                }
            }
        }
        return all;
    }

    /**
     * A KCP-looking datagram body of {@code kcpLen} bytes (>= 24): random bytes except the command byte, which
     * is 81..84 as in every real segment, so raw KCP can never read as an FEC type.
     */
    static byte[] kcpDatagram(SplittableRandom rnd, int kcpLen) {
        byte[] kcp = new byte[kcpLen];
        rnd.nextBytes(kcp);
        kcp[4] = (byte) (81 + rnd.nextInt(4));
        return kcp;
    }

    /** Copies {@code kcp} behind {@code codec.headerSize()} free bytes, ready for encode. */
    static byte[] framed(PacketCodec codec, byte[] kcp) {
        byte[] buf = new byte[PacketCodec.MTU_LIMIT];
        System.arraycopy(kcp, 0, buf, codec.headerSize(), kcp.length);
        return buf;
    }

    /** Collects encode output as independent copies. */
    static final class Wire implements DatagramSink {
        final List<byte[]> datagrams = new ArrayList<>();

        @Override
        public void transmit(byte[] buf, int off, int len) {
            datagrams.add(Arrays.copyOfRange(buf, off, off + len));
        }
    }

    /** Records every KCP input as a copy, with its regular flag. */
    static final class Received implements KcpInputSink {
        final List<byte[]> regular = new ArrayList<>();
        final List<byte[]> recovered = new ArrayList<>();

        @Override
        public int input(byte[] kcp, int off, int len, boolean isRegular) {
            (isRegular ? regular : recovered).add(Arrays.copyOfRange(kcp, off, off + len));
            return 0;
        }
    }

    /**
     * Frames an arbitrary plaintext body (what follows the crypto header) the way a peer holding the key would:
     * nonce, valid checksum, encryption. Lets the tests reach the FEC and KCP stages with malformed content.
     */
    static final class Forger {
        private final BlockCrypt cipher;
        private final PacketChecksum checksum;
        private final NonceSource nonces = NonceSource.seeded(99);
        private final int header;

        Forger(Config c) {
            this.cipher = c.cipher == null ? null : Ciphers.create(c.cipher, PASS);
            this.checksum = c.cipher == null ? null : c.profile.newChecksum(PASS);
            this.header = c.cipher == null ? 0 : PacketCodec.NONCE_SIZE + checksum.size();
        }

        byte[] frame(byte[] body) {
            byte[] pkt = new byte[header + body.length];
            System.arraycopy(body, 0, pkt, header, body.length);
            if (cipher != null) {
                nonces.fill(pkt, 0);
                checksum.write(pkt, PacketCodec.NONCE_SIZE, pkt.length);
                cipher.encrypt(pkt, 0, pkt, 0, pkt.length);
            }
            return pkt;
        }
    }
}
