package io.eventsourcing.persistence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** The gzip format (RFC 1952). {@code COMPRESSOR_TOPIC=gzip}. Thread-safe. */
public final class GzipCompressor implements Compressor {

    /** Creates the compressor. */
    public GzipCompressor() {}

    @Override
    public byte[] compress(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory gzip failed", e);
        }
        return out.toByteArray();
    }

    @Override
    public byte[] decompress(byte[] data) {
        return decompress(data, CompressorSettings.DEFAULT_MAX_DECODED_SIZE);
    }

    /** Reads until the end of the data or until more than {@code maxSize} bytes came out, whichever is first. */
    @Override
    public byte[] decompress(byte[] data, int maxSize) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(data))) {
            byte[] decompressed = gzip.readNBytes(maxSize);
            if (gzip.read() != -1) {
                throw Compressor.tooLarge(maxSize);
            }
            return decompressed;
        } catch (IOException e) {
            throw new DataException("cannot decompress: not gzip data (" + e.getMessage() + ")", e);
        }
    }
}
