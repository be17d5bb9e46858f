/**
 * OpenTelemetry traces: the switch (on when an OTLP endpoint is configured), spans around queue runs, which spans are
 * kept (entry points only; idle runs dropped) and what HTTP spans may say (no query strings, route templates only).
 * See docs/operations.md and ADR-32.
 */
package io.accesshub.bootstrap.tracing;
