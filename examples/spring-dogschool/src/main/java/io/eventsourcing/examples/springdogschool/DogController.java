package io.eventsourcing.examples.springdogschool;

import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST endpoints; errors are RFC 9457 problem details: the starter answers a conflict
 * ({@code RecordConflictException}) with 409 and a missing dog ({@code AggregateNotFoundException}) with
 * 404, the handlers here the school's own refusals.
 */
@RestController
@RequestMapping("/dogs")
class DogController {
    record RegisterDog(@Nullable String name, @Nullable String owner) {}

    record AddTrick(@Nullable String trick) {}

    private final Registrations registrations;

    DogController(Registrations registrations) {
        this.registrations = registrations;
    }

    @PostMapping
    ResponseEntity<DogView> register(@RequestBody RegisterDog request) {
        DogView dog = registrations.register(required("name", request.name()), required("owner", request.owner()));
        return ResponseEntity.created(URI.create("/dogs/" + dog.id())).body(dog);
    }

    @PostMapping("/{id}/tricks")
    DogView addTrick(@PathVariable("id") UUID id, @RequestBody AddTrick request) {
        return registrations.addTrick(id, required("trick", request.trick()));
    }

    @GetMapping("/{id}")
    DogView dog(@PathVariable("id") UUID id) {
        return registrations.dog(id);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> rejected(DogRejectedException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, e);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, e);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, Exception e) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, e.getMessage()));
    }

    private static String required(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is required and must not be blank");
        }
        return value.strip();
    }
}
