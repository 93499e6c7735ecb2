package io.wayfinder.task;

import io.wayfinder.run.InputException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads unsigned-byte IDX files (the MNIST format), gzip-compressed or plain. The header is two zero bytes, the type
 * byte {@code 0x08} (unsigned byte), the number of dimensions, then one big-endian 32-bit size per dimension; the data
 * follows in row-major order. Every problem is an {@link InputException} naming the file, the byte offset and what
 * was expected there.
 */
public final class IdxReader {
    private static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {
    }

    /**
     * An IDX array of unsigned bytes.
     *
     * @param file       where it was read from
     * @param dimensions the sizes, outermost first (e.g. {@code [60000, 28, 28]})
     * @param data       the values, row-major
     */
    public record IdxArray(Path file, int[] dimensions, byte[] data) {
        public int count() {
            return dimensions[0];
        }
    }

    /** Reads images: an IDX file with 3 dimensions (count, rows, columns), magic {@code 0x00000803}. */
    public static IdxArray readImages(Path file) {
        return read(file, 3);
    }

    /** Reads labels: an IDX file with 1 dimension (count), magic {@code 0x00000801}. */
    public static IdxArray readLabels(Path file) {
        return read(file, 1);
    }

    /** Reads an unsigned-byte IDX file that must have {@code expectedDims} dimensions. */
    public static IdxArray read(Path file, int expectedDims) {
        String source = file.toString();
        String magic = String.format("magic 0x%08X (unsigned bytes, %d dimension%s)", 0x800 + expectedDims,
                expectedDims, expectedDims == 1 ? "" : "s");
        io.wayfinder.run.InputFiles.rejectNonRegular(file);
        try (DataInputStream in = new DataInputStream(open(file))) {
            int[] header = new int[4];
            for (int i = 0; i < 4; i++) {
                header[i] = in.read();
                if (header[i] < 0) {
                    throw new InputException(source, "byte " + i, magic + ", found the end of the file");
                }
            }
            if (header[0] != 0 || header[1] != 0 || header[2] != UNSIGNED_BYTE || header[3] != expectedDims) {
                throw new InputException(source, "byte 0", magic + ", found " + String.format("0x%02X%02X%02X%02X",
                        header[0], header[1], header[2], header[3]) + " (not an IDX "
                        + (expectedDims == 3 ? "image" : expectedDims == 1 ? "label" : "") + " file?)");
            }
            int[] dims = new int[expectedDims];
            long total = 1;
            for (int d = 0; d < expectedDims; d++) {
                long offset = 4 + 4L * d;
                try {
                    dims[d] = in.readInt();
                } catch (EOFException e) {
                    throw new InputException(source, "byte " + offset, "the size of dimension " + d
                            + " (4 bytes), found the end of the file", e);
                }
                if (dims[d] <= 0) {
                    throw new InputException(source, "byte " + offset, "a positive size of dimension " + d
                            + ", found " + dims[d]);
                }
                total *= dims[d];
            }
            long headerBytes = 4 + 4L * expectedDims;
            if (total > Integer.MAX_VALUE - 16) {
                throw new InputException(source, "byte 4", "at most 2^31 values, found dimensions "
                        + Arrays.toString(dims));
            }
            byte[] data = new byte[(int) total];
            int read = in.readNBytes(data, 0, data.length);
            if (read < data.length) {
                throw new InputException(source, "byte " + (headerBytes + read), "file truncated: dimensions "
                        + Arrays.toString(dims) + " need " + data.length + " data bytes after the " + headerBytes
                        + "-byte header, found " + read);
            }
            return new IdxArray(file, dims, data);
        } catch (NoSuchFileException e) {
            throw new InputException(source, "(file)", "an IDX file (gzip or plain), but it does not exist", e);
        } catch (EOFException e) {
            throw new InputException(source, "(gzip stream)", "a complete gzip stream, found a truncated one", e);
        } catch (IOException e) {
            throw new InputException(source, "(file)", "a readable IDX file (gzip or plain): " + e.getMessage(), e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }
}
