/** Operator commands run with {@code java -jar accesshub.jar <command>} instead of the hub (keysets, ...). */
package io.accesshub.bootstrap.cli;
