/** Who may read what: API key permissions, tenant scopes and the rules for defining a key. */
package io.accesshub.domain.access;
