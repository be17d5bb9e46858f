/** Operational metrics: the Micrometer adapter of the HubMetrics port, gauges read from the database, GET /metrics. */
package io.accesshub.bootstrap.metrics;
