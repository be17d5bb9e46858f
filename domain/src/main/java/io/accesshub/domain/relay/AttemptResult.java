package io.accesshub.domain.relay;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one delivery attempt got: the subscriber's HTTP status, or a fixed error name when no answer came (timeout,
 * refused connection, refused address), and how long it took. Never the subscriber's body.
 */
public record AttemptResult(Optional<Integer> answerCode, Optional<String> error, Duration latency) {

    public AttemptResult {
        Objects.requireNonNull(answerCode, "answerCode");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(latency, "latency");
        if (answerCode.isPresent() == error.isPresent()) {
            throw new IllegalArgumentException("an attempt has either an answer code or an error");
        }
    }

    /** The subscriber answered {@code code}. */
    public static AttemptResult answered(int code, Duration latency) {
        return new AttemptResult(Optional.of(code), Optional.empty(), latency);
    }

    /** No answer: {@code error} is a fixed name such as {@code timeout}, never a message from elsewhere. */
    public static AttemptResult failed(String error, Duration latency) {
        return new AttemptResult(Optional.empty(), Optional.of(error), latency);
    }

    /** Whether the event was delivered: any 2xx answer. */
    public boolean delivered() {
        return answerCode.map(code -> code >= 200 && code < 300).orElse(false);
    }
}
