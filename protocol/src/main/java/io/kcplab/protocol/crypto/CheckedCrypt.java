package io.kcplab.protocol.crypto;

/**
 * The opening every packet cipher's {@code encrypt} and {@code decrypt} shares, written once: the ranges are checked
 * ({@link PacketBytes#checkRanges}: the same exceptions for a bad range whichever cipher it is), an empty packet
 * returns at once, and a source partially overlapping the destination is first moved to it
 * ({@link PacketBytes#moveIfOverlapping}) so that the cipher itself only ever sees "in place at dst" or strictly
 * out of place. No allocation here; the branch on the direction is on a constant after inlining.
 */
abstract class CheckedCrypt implements BlockCrypt {

    @Override
    public final void encrypt(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        checked(true, src, srcOff, dst, dstOff, len);
    }

    @Override
    public final void decrypt(byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        checked(false, src, srcOff, dst, dstOff, len);
    }

    private void checked(boolean encrypt, byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
        PacketBytes.checkRanges(src, srcOff, dst, dstOff, len);
        if (len == 0) {
            return;
        }
        if (PacketBytes.moveIfOverlapping(src, srcOff, dst, dstOff, len)) {
            src = dst;
            srcOff = dstOff;
        }
        if (encrypt) {
            encryptChecked(src, srcOff, dst, dstOff, len);
        } else {
            decryptChecked(src, srcOff, dst, dstOff, len);
        }
    }

    /**
     * {@link #encrypt} on ranges already checked, with {@code len > 0}, and {@code src} either the same bytes as
     * {@code dst} (same array, same offset) or not overlapping them at all.
     */
    protected abstract void encryptChecked(byte[] src, int srcOff, byte[] dst, int dstOff, int len);

    /** {@link #decrypt} on ranges as {@link #encryptChecked} gets them. */
    protected abstract void decryptChecked(byte[] src, int srcOff, byte[] dst, int dstOff, int len);
}
