package io.wayfinder.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reading input files defensively: a path that is missing, a directory or a device ({@code /dev/zero}), a file larger
 * than what its kind can sensibly be, or text that is not UTF-8 is an {@link InputException} naming the file, never
 * an endless read or an OutOfMemoryError. Errors never quote the file's content.
 */
public final class InputFiles {
    /** The most a search-space or project file may hold (the largest sample is a few KiB). */
    public static final long MAX_JSON_BYTES = 16L << 20;
    /** The most a controller checkpoint file may hold. */
    public static final long MAX_CHECKPOINT_BYTES = 256L << 20;

    private InputFiles() {
    }

    /** Checks that {@code file} is an existing regular file (not a directory, device or pipe). */
    public static void requireRegularFile(Path file) {
        if (!Files.exists(file)) {
            throw new InputException(file.toString(), "file", "an existing, readable file (not found)");
        }
        if (Files.isDirectory(file)) {
            throw new InputException(file.toString(), "file", "a file (this is a directory)");
        }
        if (!Files.isRegularFile(file)) {
            throw new InputException(file.toString(), "file", "a regular file (this is a device, pipe or socket)");
        }
        if (!Files.isReadable(file)) {
            throw new InputException(file.toString(), "file", "a readable file (permission denied)");
        }
    }

    /**
     * Rejects an existing path that is a directory or a device ({@code /dev/zero} would be read forever); a missing
     * file is left to the caller, whose message says where such a file comes from.
     */
    public static void rejectNonRegular(Path file) {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            requireRegularFile(file);
        }
    }

    /** The bytes of a regular file of at most {@code maxBytes}. */
    public static byte[] readBytes(Path file, long maxBytes) {
        requireRegularFile(file);
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw tooLarge(file, maxBytes);
            }
            try (InputStream in = Files.newInputStream(file)) {
                // never trust the size alone (the file may grow while it is read)
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw tooLarge(file, maxBytes);
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new InputException(file.toString(), "file", "an existing, readable file (not found)");
        } catch (AccessDeniedException e) {
            throw new InputException(file.toString(), "file", "a readable file (permission denied)");
        } catch (IOException e) {
            throw new InputException(file.toString(), "file", "a readable file (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The text of a regular UTF-8 file of at most {@code maxBytes}. */
    public static String readUtf8(Path file, long maxBytes) {
        return decodeUtf8(readBytes(file, maxBytes), file.toString());
    }

    /** Strict UTF-8 decoding: a malformed byte is an error naming its offset, not a replacement character. */
    public static String decodeUtf8(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int offset = firstMalformed(bytes);
            throw new InputException(source, "byte " + offset, "UTF-8 text (this byte sequence is not UTF-8; is it a "
                    + "binary file, or saved in another encoding?)");
        }
    }

    private static int firstMalformed(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(Math.max(16, bytes.length));
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : 0;
    }

    private static InputException tooLarge(Path file, long maxBytes) {
        return new InputException(file.toString(), "file", "a file of at most " + (maxBytes >> 20) + " MiB (this one "
                + "is larger; is it the right file?)");
    }
}
