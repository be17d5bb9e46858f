package io.accesshub.adapter.http.metrics;

/** The hub's metrics rendered in the Prometheus text exposition format 0.0.4 (implemented where the registry lives). */
public interface MetricsScrape {

    /** Every meter of this instance as Prometheus text. */
    String scrape();
}
