/**
 * Packet ciphers wire-compatible with kcp-go 5.6.1 / kcptun 20210922 (docs/wire-format.md §2).
 *
 * <p>{@link io.kcplab.protocol.crypto.Ciphers#create} builds a cipher by kcptun's {@code --crypt} name from the
 * 32-byte key material of {@link io.kcplab.protocol.crypto.KeyDerivation#kcptun}. Every block cipher runs kcp-go's
 * "local CFB": full-block CFB with a fixed IV, restarted for each packet, the partial final block XORed with the next
 * keystream block; salsa20 keeps the first 8 bytes clear as its nonce; xor applies a fixed 1500-byte pad.
 *
 * <p>Where this package deliberately differs from the Go peer:
 * <ul>
 * <li>kcptun falls back to {@code aes} for an unknown {@code --crypt} name; {@code Ciphers.create} rejects it.</li>
 * <li>salsa20 on a packet shorter than 8 bytes copies it (kcp-go would panic; it never sends one).</li>
 * <li>xor beyond byte 1500 copies the bytes unchanged (kcp-go's in-place XOR leaves them; it never has any).</li>
 * </ul>
 * Every cipher was checked against vectors produced by the real kcp-go code (docs/wire-format.md §6.1); Twofish,
 * the one cipher whose Go vectors had not been reproduced by a second implementation, matches them through Bouncy
 * Castle's engine, an implementation independent of Go's.
 *
 * <p>Speed: AES on the JDK's AES-NI intrinsics with bulk-ECB decryption and lock-step batch encryption; salsa20 and
 * bulk XOR on the Vector API when {@code jdk.incubator.vector} is loaded (scalar fallbacks give identical bytes);
 * own engines for TEA (16 rounds), XTEA, Blowfish, SM4 (T-tables) and allocation-free wrappers of Bouncy Castle's
 * CAST5 and DES; Bouncy Castle's Twofish. Steady state allocates nothing. Instances are not thread-safe.
 */
package io.kcplab.protocol.crypto;
