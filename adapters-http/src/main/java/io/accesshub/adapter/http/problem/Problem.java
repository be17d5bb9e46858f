package io.accesshub.adapter.http.problem;

import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 9457 problem details body. {@code code} is the stable, machine-readable identifier clients branch on;
 * {@code detail} is for humans and never carries a token, code, secret or key.
 */
@Serdeable
public record Problem(String type, String title, int status, String detail, String code) {

    /** Media type of problem responses. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem whose type URI is derived from its code. */
    public static Problem of(int status, String code, String title, String detail) {
        return new Problem("https://accesshub.io/problems/" + code, title, status, detail, code);
    }
}
