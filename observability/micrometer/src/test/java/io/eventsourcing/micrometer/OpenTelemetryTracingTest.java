package io.eventsourcing.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.application.RecordConflictException;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tracing through Micrometer Tracing's OpenTelemetry bridge and the OpenTelemetry SDK, exported to
 * memory: the spans of saves, gets and processing, nested in the caller's span and in each other.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class OpenTelemetryTracingTest {
    @TempDir
    Path dir;

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private SdkTracerProvider provider;
    private Tracer tracer;
    private ObservationRegistry registry;

    @BeforeEach
    void tracer() {
        provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        OtelCurrentTraceContext context = new OtelCurrentTraceContext();
        tracer = new OtelTracer(provider.get("eventsourcing-test"), context, event -> {},
                new OtelBaggageManager(context, List.of(), List.of()));
        registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
    }

    @AfterEach
    void closeProvider() {
        provider.close();
    }

    private Map<String, String> sqlite() {
        return Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME", dir.resolve("tickets.db").toString());
    }

    @Test
    void a_save_and_a_get_are_spans_in_the_callers_trace() {
        try (var tickets = new Tickets(sqlite())) {
            EventSourcingObservations.observe(tickets, registry);
            Span request = tracer.nextSpan().name("POST /tickets").start();
            Tracer.SpanInScope scope = tracer.withSpan(request);
            try {
                tickets.repository().get(tickets.open("T-1"));
            } finally {
                scope.close();
                request.end();
            }

            SpanData parent = span("POST /tickets");
            SpanData save = span("Tickets save");
            SpanData get = span("Tickets get");
            assertThat(save.getTraceId()).isEqualTo(parent.getTraceId());
            assertThat(save.getParentSpanId()).isEqualTo(parent.getSpanId());
            assertThat(get.getParentSpanId()).isEqualTo(parent.getSpanId());
            assertThat(save.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("success");
            assertThat(save.getAttributes().get(AttributeKey.stringKey("aggregate.type"))).isEqualTo("Ticket");
            assertThat(save.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        }
    }

    @Test
    void a_conflicting_save_is_a_span_in_error() {
        try (var tickets = new Tickets(sqlite())) {
            tickets.open("T-1");
            EventSourcingObservations.observe(tickets, registry);

            assertThatThrownBy(() -> tickets.open("T-1")).isInstanceOf(RecordConflictException.class);

            SpanData save = span("Tickets save");
            assertThat(save.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(save.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("conflict");
            assertThat(save.getEvents()).anySatisfy(event -> assertThat(event.getName()).isEqualTo("exception"));
        }
    }

    @Test
    void a_process_applications_save_is_a_child_of_its_processing_span() {
        try (var tickets = new Tickets(sqlite()); var audit = new Tickets.Audit(sqlite())) {
            tickets.open("T-1");
            audit.follow(tickets);
            EventSourcingObservations.observe(audit, registry);

            audit.pullAndProcess("Tickets");

            SpanData process = span("Audit process Tickets");
            SpanData save = span("Audit save");
            assertThat(save.getParentSpanId()).isEqualTo(process.getSpanId());
            assertThat(process.getAttributes().get(AttributeKey.stringKey("event.type"))).isEqualTo("Opened");
        }
    }

    private SpanData span(String name) {
        List<SpanData> spans = exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(spans).as("finished spans named '%s' among %s", name, exporter.getFinishedSpanItems().stream()
                .map(SpanData::getName).toList()).hasSize(1);
        return spans.getFirst();
    }
}
