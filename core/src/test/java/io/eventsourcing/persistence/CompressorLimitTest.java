package io.eventsourcing.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.domain.DomainEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code COMPRESSOR_MAX_SIZE}: no record decompresses to more than the limit, whatever the compressor; a
 * small record that would expand to far more (a decompression bomb) fails with a {@link DataException}.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CompressorLimitTest {
    private static final int MIB = 1 << 20;

    /** {@code size} zero bytes compressed by {@code format} ("zlib" or "gzip"), made without holding them. */
    static byte[] bomb(String format, long size) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = format.equals("gzip") ? new GZIPOutputStream(bytes) : new DeflaterOutputStream(bytes)) {
            byte[] zeros = new byte[64 * 1024];
            for (long written = 0; written < size; written += zeros.length) {
                out.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Compressor compressor(String format) {
        return format.equals("gzip") ? new GzipCompressor() : new ZlibCompressor();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zlib", "gzip"})
    void a_bomb_fails_at_the_default_limit(String format) {
        byte[] bomb = bomb(format, 256L * MIB);

        assertThat(bomb.length).isLessThan(MIB);
        assertThatThrownBy(() -> compressor(format).decompress(bomb, CompressorSettings.DEFAULT_MAX_DECODED_SIZE))
                .isInstanceOf(DataException.class)
                .hasMessage("cannot decompress: the data expands to more than 16777216 bytes, the limit set by "
                        + "COMPRESSOR_MAX_SIZE");
        assertThatThrownBy(() -> compressor(format).decompress(bomb)).isInstanceOf(DataException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zlib", "gzip"})
    void data_up_to_the_limit_decompresses(String format) {
        Compressor compressor = compressor(format);
        byte[] exactly = new byte[4096];

        assertThat(compressor.decompress(compressor.compress(exactly), 4096)).isEqualTo(exactly);
        assertThatThrownBy(() -> compressor.decompress(compressor.compress(exactly), 4095))
                .isInstanceOf(DataException.class);
    }

    @Test
    void a_compressor_of_ones_own_is_held_to_the_limit_too() {
        Compressor identity = new Compressor() {
            @Override
            public byte[] compress(byte[] data) {
                return data.clone();
            }

            @Override
            public byte[] decompress(byte[] data) {
                return data.clone();
            }
        };

        assertThatThrownBy(() -> identity.decompress(new byte[2048], 1024)).isInstanceOf(DataException.class);
        assertThat(identity.decompress(new byte[1024], 1024)).hasSize(1024);
    }

    @Nested
    class The_mapper {
        record Blob(String text) {}

        private final UUID id = UUID.randomUUID();

        @Test
        void reads_a_bomb_as_a_data_exception_naming_the_row() {
            Mapper mapper = new Mapper(Transcoder.standard(), new ZlibCompressor(), null, 1 << 20);
            StoredEvent bomb = new StoredEvent(id, 1, io.eventsourcing.domain.Topics.of(Blob.class),
                    CompressorLimitTest.bomb("zlib", 64L * MIB));

            assertThatThrownBy(() -> mapper.toDomainEvent(bomb)).isInstanceOf(DataException.class)
                    .hasMessageStartingWith("cannot read event " + id + ":1 (topic " + Blob.class.getName() + "): "
                            + "cannot decompress: the data expands to more than 1048576 bytes");
        }

        @Test
        void refuses_to_store_an_event_it_could_not_read_back() {
            Mapper mapper = new Mapper(Transcoder.standard(), new GzipCompressor(), null, 1024);
            DomainEvent large = new DomainEvent(id, 1, Instant.now(), new Blob("x".repeat(2000)));

            assertThatThrownBy(() -> mapper.toStoredEvent(large, null)).isInstanceOf(DataException.class)
                    .hasMessageStartingWith("cannot store " + id + ":1 (topic " + Blob.class.getName() + "): its JSON "
                            + "has ")
                    .hasMessageContaining("more than the 1024 that COMPRESSOR_MAX_SIZE lets a record decompress to");
            DomainEvent small = new DomainEvent(id, 1, Instant.now(), new Blob("x"));
            assertThat(mapper.toDomainEvent(mapper.toStoredEvent(small, null))).isEqualTo(small);
        }
    }

    @Nested
    class The_setting {

        private CompressorSettings settings(Map<String, String> env) {
            return CompressorSettings.from(Environment.isolated("Shop", env));
        }

        @Test
        void defaults_to_16_mib() {
            assertThat(settings(Map.of()).maxDecodedSize()).isEqualTo(16 * MIB);
        }

        @ParameterizedTest
        @CsvSource({"1048576, 1048576", "512K, 524288", "16MiB, 16777216", "1g, 1073741824", "64 MB, 67108864"})
        void takes_bytes_with_an_optional_binary_unit(String value, int bytes) {
            assertThat(settings(Map.of("COMPRESSOR_MAX_SIZE", value)).maxDecodedSize()).isEqualTo(bytes);
        }

        @ParameterizedTest
        @ValueSource(strings = {"lots", "100", "2G", "-5M", "1.5M", "99999999999999999999"})
        void refuses_what_is_not_a_size_from_1_kib_to_2_gib(String value) {
            assertThatThrownBy(() -> settings(Map.of("SHOP_COMPRESSOR_MAX_SIZE", value)))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("SHOP_COMPRESSOR_MAX_SIZE '" + value + "' is not a size from 1 KiB to 2 GiB");
        }

        @Test
        void reaches_the_mapper_of_the_factory() {
            try (InfrastructureFactory factory = InfrastructureFactory.construct(Environment.isolated("Shop",
                    Map.of("COMPRESSOR_TOPIC", "zlib", "COMPRESSOR_MAX_SIZE", "2M")))) {
                assertThat(factory.mapper().maxDecodedSize()).isEqualTo(2 * MIB);
            }
        }
    }
}
