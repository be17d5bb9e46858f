/** Starts the hub: chooses the database, wires the plain-Java services into Micronaut and holds the configuration. */
package io.accesshub.bootstrap;
