/** Micronaut factories that build the plain-Java services of the application layer from their ports. */
package io.accesshub.bootstrap.wiring;
