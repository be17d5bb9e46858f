/** The hub's configuration read from every source before anything starts (embedded database, demo mode, commands). */
package io.accesshub.bootstrap.config;
