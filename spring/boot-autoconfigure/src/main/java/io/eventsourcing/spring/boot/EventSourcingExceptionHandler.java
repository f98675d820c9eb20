package io.eventsourcing.spring.boot;

import io.eventsourcing.application.AggregateNotFoundException;
import io.eventsourcing.application.RecordConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the library's two exceptions that a request causes, rather than the server, as RFC 9457
 * problem details ({@code application/problem+json}) instead of a 500:
 * <ul>
 *   <li>{@link RecordConflictException}: 409 Conflict, as another request changed the aggregate
 *       first (or made one with the same id); the client may read it again and retry;</li>
 *   <li>{@link AggregateNotFoundException}: 404 Not Found, with the id as {@code aggregateId}.</li>
 * </ul>
 * The conflict's detail names no table and no version; the full message is logged at debug level.
 * Handlers of these exceptions in a controller, or in an advice ordered before this one, win; set
 * {@code eventsourcing.web.problem-details.enabled=false} to turn it off.
 *
 * <p>Thread-safe.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public final class EventSourcingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(EventSourcingExceptionHandler.class);

    EventSourcingExceptionHandler() {}

    @ExceptionHandler
    ResponseEntity<ProblemDetail> conflict(RecordConflictException e) {
        LOG.debug("409 Conflict: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "another request recorded a change of the same aggregate first; read it again and retry");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setProperty("aggregateId", e.aggregateId().toString());
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
}
