/** Operational metrics: the Micrometer adapter of the HubMetrics port, gauges read from the database, the scrape. */
package io.accesshub.bootstrap.metrics;
