/** Transaction boundaries for application services, on Micronaut's JDBC transaction manager. */
package io.accesshub.adapter.persistence.transaction;
