/** The operations console's rules: who may sign in, session tokens and their CSRF tokens, idle sessions, audited actions. */
package io.accesshub.domain.console;
