/** Helpers for this module's database tests: an application context on the shared test database. */
package io.accesshub.adapter.persistence.support;
