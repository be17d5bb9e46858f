/** Embedded MariaDB server started in-process for local runs and tests when no external database is configured. */
package io.accesshub.adapter.persistence.embedded;
