/** Outbound MySQL/MariaDB adapter: JDBC repositories, token encryption at rest and the Liquibase-managed schema. */
package io.accesshub.adapter.persistence;
