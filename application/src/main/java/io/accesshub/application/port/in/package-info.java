/** Inbound ports: one use case interface per use case, with its query, command and result records. */
package io.accesshub.application.port.in;
