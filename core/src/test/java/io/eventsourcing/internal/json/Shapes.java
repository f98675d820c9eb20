package io.eventsourcing.internal.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Payload records of many shapes, each of the kinds the fast codec writes and reads. */
public final class Shapes {
    private Shapes() {}

    /** Every shape, for tests that go through them all. */
    public static final List<Class<? extends Record>> ALL = List.of(Scalars.class, Boxes.class, Numbers.class,
            Times.class, Enums.class, Nested.class, Collections.class, Optionals.class, Empty.class, One.class,
            Tree.class, Names.class, Wide.class, Validated.class, Overridden.class, Paid.class, Deep.class,
            Clock.class);

    public enum Colour { RED, GREEN, BLUE }

    /** More constants than the codec matches byte by byte. */
    public enum Many { A0, A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11 }

    /** An enum whose constants have bodies of their own (anonymous subclasses). */
    public enum Op {
        ADD { @Override int apply(int a, int b) { return a + b; } },
        SUB { @Override int apply(int a, int b) { return a - b; } };

        abstract int apply(int a, int b);
    }

    public record Scalars(String s, int i, long l, short sh, byte b, boolean z, double d, float f) {}

    public record Boxes(Integer i, Long l, Short sh, Byte b, Boolean z, Double d, Float f, String s) {}

    public record Numbers(BigDecimal decimal, BigInteger integer, double d, float f, List<BigDecimal> decimals) {}

    public record Times(UUID id, Instant at, LocalDate day, List<Instant> ats, Set<LocalDate> days) {}

    public record Clock(LocalDateTime at, LocalTime time, List<LocalDateTime> ats, Optional<LocalTime> opens,
            Map<String, LocalTime> times) {}

    public record Enums(Colour colour, Many many, Op op, List<Colour> colours, Set<Colour> set, Set<Many> manySet,
            Map<String, Colour> byName) {}

    public record Nested(Scalars scalars, Times times, List<Times> list, Map<String, Numbers> map, Boxes boxes) {}

    public record Collections(List<String> strings, Set<String> set, Map<String, Integer> counts,
            List<List<Integer>> lists, Map<String, List<BigDecimal>> decimals, Set<UUID> ids,
            Map<String, Map<String, String>> maps, List<Boolean> flags) {}

    public record Optionals(Optional<String> s, Optional<Times> times, Optional<List<String>> list,
            Optional<BigDecimal> decimal, Optional<Colour> colour, Optional<Integer> number) {}

    public record Empty() {}

    public record One(String value) {}

    /** A record that contains itself. */
    public record Tree(String name, List<Tree> children, Optional<Tree> first) {}

    /** Component names that look like getters, or need care. */
    public record Names(String issuer, String getaway, boolean isActive, String URL, String _under, String $dollar,
            String größe, int getX, String isbn) {}

    public record Wide(String a1, int a2, long a3, String a4, double a5, String a6, boolean a7, String a8, int a9,
            String a10, UUID a11, String a12, int a13, Instant a14, String a15, long a16, String a17, short a18,
            String a19, byte a20, String a21, float a22, String a23, BigDecimal a24) {}

    /** A record whose constructor checks its arguments. */
    public record Validated(String name, int size) {
        public Validated {
            if (size < 0) {
                throw new IllegalArgumentException("size must not be negative, was " + size);
            }
        }
    }

    /** A record whose accessor is not its field: Jackson writes what the accessor returns. */
    public record Overridden(String text) {
        @Override
        public String text() {
            return text == null ? null : text.strip();
        }
    }

    /** A record whose accessor throws for some values. */
    public record Throwing(long number) {
        @Override
        public long number() {
            if (number < 0) {
                throw new IllegalStateException("negative: " + number);
            }
            return number;
        }
    }

    public record Money(BigDecimal amount, String currency) {}

    public record Paid(UUID ref, Money money, List<LocalDate> days, Map<String, Double> rates, Optional<String> note,
            long cents, String text) {}

    /** Records inside lists inside maps inside records. */
    public record Deep(Map<String, List<Map<String, Money>>> nested, List<Set<String>> sets, Tree tree) {}
}
