package io.eventsourcing.persistence;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The settings of compression, parsed once and validated.
 *
 * @param topic {@code COMPRESSOR_TOPIC}: {@code zlib}, {@code gzip}, or a {@link Compressor} class name;
 *     null for no compression
 * @param maxDecodedSize {@code COMPRESSOR_MAX_SIZE}: the most bytes one event or snapshot may decompress
 *     to (default 16 MiB); a stored record that would decompress to more fails with a
 *     {@link DataException} instead of filling the memory, and an event whose JSON is larger is refused
 *     when it is saved, since it could not be read back
 */
public record CompressorSettings(@Nullable String topic, int maxDecodedSize) {
    /** The variable of the largest decompressed size. */
    public static final String COMPRESSOR_MAX_SIZE = "COMPRESSOR_MAX_SIZE";
    /** The largest decompressed size when none is configured: 16 MiB. */
    public static final int DEFAULT_MAX_DECODED_SIZE = 16 << 20;
    /** The smallest limit accepted: 1 KiB. */
    static final long MIN_SIZE = 1 << 10;
    /** The largest limit accepted: 2 GiB less a little, the longest array the JVM makes. */
    static final long MAX_SIZE = Integer.MAX_VALUE - 8;
    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)");

    /**
     * The settings in an environment.
     *
     * @throws ConfigurationException if {@code COMPRESSOR_MAX_SIZE} is not a size from 1 KiB to 2 GiB,
     *     naming the variable
     */
    public static CompressorSettings from(Environment environment) {
        return new CompressorSettings(environment.get(InfrastructureFactory.COMPRESSOR_TOPIC).orElse(null),
                size(environment, COMPRESSOR_MAX_SIZE, DEFAULT_MAX_DECODED_SIZE));
    }

    /** A number of bytes, optionally with a binary unit: {@code 16777216}, {@code 512K}, {@code 16MiB}, {@code 1G}. */
    private static int size(Environment environment, String key, int defaultValue) {
        String value = environment.get(key).orElse(null);
        if (value == null) {
            return defaultValue;
        }
        Matcher matcher = SIZE.matcher(value.toLowerCase(Locale.ROOT));
        long bytes = -1;
        if (matcher.matches()) {
            long multiplier = switch (matcher.group(2).isEmpty() ? 'b' : matcher.group(2).charAt(0)) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                case 'g' -> 1L << 30;
                default -> 1;
            };
            try {
                bytes = Math.multiplyExact(Long.parseLong(matcher.group(1)), multiplier);
            } catch (ArithmeticException | NumberFormatException e) {
                bytes = Long.MAX_VALUE;
            }
        }
        if (bytes < MIN_SIZE || bytes > MAX_SIZE) {
            throw new ConfigurationException(environment.sourceOf(key) + " '" + value + "' is not a size from 1 KiB "
                    + "to 2 GiB: use a number of bytes, optionally with K, M or G (binary units), e.g. 16M");
        }
        return (int) bytes;
    }
}
