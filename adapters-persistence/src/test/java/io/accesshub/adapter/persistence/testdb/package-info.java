/** Test-database selection shared by every module's tests: external server, Testcontainers MySQL or embedded MariaDB. */
package io.accesshub.adapter.persistence.testdb;
