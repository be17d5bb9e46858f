/** The operations console's sessions and audit, and the fleet counts of its overview, on the shared database. */
package io.accesshub.adapter.persistence.console;
