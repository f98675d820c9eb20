package io.eventsourcing.persistence;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The zlib format (RFC 1950), as Python's {@code zlib} module writes it, so stored events are
 * readable by pyeventsourcing too. {@code COMPRESSOR_TOPIC=zlib}. Thread-safe.
 */
public final class ZlibCompressor implements Compressor {

    /** Creates the compressor. */
    public ZlibCompressor() {}

    @Override
    public byte[] compress(byte[] data) {
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
            byte[] buffer = new byte[Math.max(256, Math.min(data.length, 64 * 1024))];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    @Override
    public byte[] decompress(byte[] data) {
        return decompress(data, CompressorSettings.DEFAULT_MAX_DECODED_SIZE);
    }

    /** Inflates until the end of the data or until more than {@code maxSize} bytes came out, whichever is first. */
    @Override
    public byte[] decompress(byte[] data, int maxSize) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxSize, data.length * 3L + 64));
            byte[] buffer = new byte[Math.max(256, Math.min(data.length * 4, 64 * 1024))];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataException("cannot decompress: the zlib data is truncated");
                }
                if (out.size() + (long) n > maxSize) {
                    throw Compressor.tooLarge(maxSize);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new DataException("cannot decompress: not zlib data (" + e.getMessage() + ")", e);
        } finally {
            inflater.end();
        }
    }
}
