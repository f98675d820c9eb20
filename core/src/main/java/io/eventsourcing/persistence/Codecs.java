package io.eventsourcing.persistence;

import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The compressor and cipher that an application's settings name ({@code COMPRESSOR_TOPIC},
 * {@code CIPHER_TOPIC}, {@code CIPHER_KEY}): built-in short names, or classes implementing the
 * interface with a public constructor taking an {@link Environment} or nothing.
 */
final class Codecs {
    private Codecs() {}

    /** The compressor named by the settings, or null for none. */
    static @Nullable Compressor compressor(Environment environment, CompressorSettings settings) {
        String topic = settings.topic();
        if (topic == null) {
            return null;
        }
        return switch (topic.toLowerCase(Locale.ROOT)) {
            case "zlib" -> new ZlibCompressor();
            case "gzip" -> new GzipCompressor();
            default -> instantiate(environment, InfrastructureFactory.COMPRESSOR_TOPIC, topic, Compressor.class,
                    "zlib, gzip");
        };
    }

    /** The cipher named by the settings (AES when only the key is set), or null for none. */
    static @Nullable Cipher cipher(Environment environment) {
        String topic = environment.get(InfrastructureFactory.CIPHER_TOPIC).orElse(null);
        if (topic == null) {
            return environment.contains(InfrastructureFactory.CIPHER_KEY) ? new AesCipher(environment) : null;
        }
        String lower = topic.toLowerCase(Locale.ROOT);
        if (lower.equals("aes") || topic.equals(AesCipher.class.getName())) {
            return new AesCipher(environment);
        }
        return instantiate(environment, InfrastructureFactory.CIPHER_TOPIC, topic, Cipher.class, "aes");
    }

    private static <T> T instantiate(Environment environment, String variable, String className, Class<T> kind,
            String shortNames) {
        Class<?> type = InfrastructureFactory.loadClass(className);
        if (type == null || !kind.isAssignableFrom(type)) {
            throw new ConfigurationException(environment.sourceOf(variable) + " '" + className + "' is not one of: "
                    + shortNames + ", nor the name of a class implementing " + kind.getName());
        }
        try {
            try {
                return kind.cast(type.getConstructor(Environment.class).newInstance(environment));
            } catch (NoSuchMethodException e) {
                return kind.cast(type.getConstructor().newInstance());
            }
        } catch (InvocationTargetException e) {
            throw new ConfigurationException(environment.sourceOf(variable) + ": constructing " + className
                    + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new ConfigurationException(environment.sourceOf(variable) + " '" + className
                    + "' needs a public constructor taking an Environment or nothing", e);
        }
    }
}
