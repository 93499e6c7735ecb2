package io.wayfinder.run;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The one binary codec for saved state (strategies, controllers with their Adam moments and baselines, evolution
 * populations): a versioned, checksummed envelope around a payload that its owner writes with a
 * {@link DataOutputStream}.
 *
 * <pre>
 *   int    magic "WFST"
 *   short  envelope format (1)
 *   UTF    kind, e.g. "strategy/aml" or "controller"
 *   int    the kind's payload version
 *   int    payload length
 *   byte[] payload
 *   long   CRC-32 of everything above
 * </pre>
 *
 * Decoding checks all of it and that the payload reader consumed exactly the payload, so a truncated, corrupted,
 * foreign or older blob gives a clear {@link StateFormatException}, never a silently different state.
 */
public final class StateCodec {
    /** "WFST". */
    public static final int MAGIC = 0x57465354;
    public static final int FORMAT = 1;
    /** Upper bound of any array length read from a payload (guards against corrupt lengths). */
    public static final int MAX_ARRAY = 100_000_000;

    private StateCodec() {
    }

    /** Writes a payload. */
    @FunctionalInterface
    public interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a payload of a given version. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(DataInputStream in, int version) throws IOException;
    }

    /** A blob that cannot be decoded: the message says why, in words a user can act on. */
    public static final class StateFormatException extends IllegalArgumentException {
        public StateFormatException(String message) {
            super(message);
        }
    }

    public static byte[] encode(String kind, int version, Writer writer) {
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            DataOutputStream p = new DataOutputStream(payload);
            writer.write(p);
            p.flush();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.size() + 64);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeShort(FORMAT);
            out.writeUTF(kind);
            out.writeInt(version);
            out.writeInt(payload.size());
            payload.writeTo(out);
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the bytes start like an envelope of this codec (they may still be truncated or corrupt). */
    public static boolean isEnvelope(byte[] bytes) {
        return bytes != null && bytes.length >= 4 && ByteBuffer.wrap(bytes).getInt() == MAGIC;
    }

    /** The kind an envelope declares, when the bytes are a complete, intact envelope. */
    public static Optional<String> kindOf(byte[] bytes) {
        try {
            return Optional.of(open(bytes).kind);
        } catch (StateFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Decodes an envelope of one of the accepted kinds with a payload version from 1 to {@code maxVersion}.
     *
     * @throws StateFormatException when the bytes are not such an envelope, are truncated or corrupt, were written
     *                              by a newer build, or the reader leaves payload bytes unread
     */
    public static <T> T decode(byte[] bytes, Collection<String> kinds, int maxVersion, Reader<T> reader) {
        Envelope e = open(bytes);
        if (!kinds.contains(e.kind)) {
            throw new StateFormatException("the saved state is of " + e.kind + ", expected "
                    + (kinds.size() == 1 ? kinds.iterator().next() : "one of " + kinds));
        }
        if (e.version < 1 || e.version > maxVersion) {
            throw new StateFormatException("the saved " + e.kind + " state has version " + e.version
                    + ", this build reads versions 1 to " + maxVersion + " (written by a newer build?)");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(e.payload));
        try {
            T value = reader.read(in, e.version);
            if (in.available() > 0) {
                throw new StateFormatException("the saved " + e.kind + " state has " + in.available()
                        + " unexpected trailing bytes (corrupt or from another build)");
            }
            return value;
        } catch (EOFException ex) {
            throw new StateFormatException("the saved " + e.kind + " state ends early (corrupt or from another build)");
        } catch (IOException ex) {
            throw new StateFormatException("the saved " + e.kind + " state is corrupt: " + ex.getMessage());
        }
    }

    private record Envelope(String kind, int version, byte[] payload) {
    }

    private static Envelope open(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new StateFormatException("the saved state is empty");
        }
        if (!isEnvelope(bytes)) {
            throw new StateFormatException("the saved state is in an older, unversioned format (written before "
                    + "state was versioned) or is not Wayfinder state; start a new run or resume with the build "
                    + "that wrote it");
        }
        if (bytes.length < 4 + 2 + 2 + 4 + 4 + 8) {
            throw new StateFormatException("the saved state is truncated (" + bytes.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        b.getInt();
        int format = b.getShort();
        if (format != FORMAT) {
            throw new StateFormatException("the saved state uses envelope format " + format + ", this build reads "
                    + FORMAT);
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 6, bytes.length - 6));
            String kind = in.readUTF();
            int version = in.readInt();
            int length = in.readInt();
            int headerEnd = 6 + 2 + kind.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 8;
            long expectedTotal = (long) headerEnd + length + 8;
            if (length < 0 || expectedTotal > bytes.length) {
                throw new StateFormatException("the saved " + kind + " state is truncated (" + bytes.length
                        + " bytes, its header announces " + Math.max(expectedTotal, 0) + ")");
            }
            if (expectedTotal < bytes.length) {
                throw new StateFormatException("the saved " + kind + " state has " + (bytes.length - expectedTotal)
                        + " unexpected trailing bytes");
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, bytes.length - 8);
            long stored = ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
            if (stored != crc.getValue()) {
                throw new StateFormatException("the saved " + kind + " state is corrupt (checksum mismatch)");
            }
            byte[] payload = new byte[length];
            System.arraycopy(bytes, headerEnd, payload, 0, length);
            return new Envelope(kind, version, payload);
        } catch (IOException e) {
            throw new StateFormatException("the saved state is truncated or corrupt (its header cannot be read)");
        }
    }

    /** Writes a length-prefixed array of doubles. */
    public static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
        out.writeInt(a.length);
        for (double v : a) {
            out.writeDouble(v);
        }
    }

    /** Reads what {@link #writeDoubles} wrote, refusing impossible lengths. */
    public static double[] readDoubles(DataInputStream in) throws IOException {
        double[] a = new double[length(in, 8)];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readDouble();
        }
        return a;
    }

    public static void writeLongs(DataOutputStream out, long[] a) throws IOException {
        out.writeInt(a.length);
        for (long v : a) {
            out.writeLong(v);
        }
    }

    public static long[] readLongs(DataInputStream in) throws IOException {
        long[] a = new long[length(in, 8)];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readLong();
        }
        return a;
    }

    public static void writeInts(DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    public static int[] readInts(DataInputStream in) throws IOException {
        int[] a = new int[length(in, 4)];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readInt();
        }
        return a;
    }

    public static void writeBytes(DataOutputStream out, byte[] a) throws IOException {
        out.writeInt(a.length);
        out.write(a);
    }

    public static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] a = new byte[length(in, 1)];
        in.readFully(a);
        return a;
    }

    /** A length read from the stream, checked against what is left (so corrupt lengths never allocate). */
    public static int length(DataInputStream in, int elementBytes) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_ARRAY || (long) n * elementBytes > in.available()) {
            throw new IOException("impossible array length " + n);
        }
        return n;
    }

    /** An {@link Rng}'s state. */
    public static void writeRng(DataOutputStream out, Rng rng) throws IOException {
        writeLongs(out, rng.state());
    }

    public static Rng readRng(DataInputStream in) throws IOException {
        long[] s = readLongs(in);
        if (s.length != 4 && s.length != 5) {
            throw new IOException("a random generator state has 4 or 5 words, found " + s.length);
        }
        return Rng.fromState(s);
    }
}
