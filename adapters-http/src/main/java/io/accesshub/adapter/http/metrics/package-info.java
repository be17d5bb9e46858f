/** The Prometheus scrape endpoint, GET /metrics. */
package io.accesshub.adapter.http.metrics;
