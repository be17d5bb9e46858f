/** The installation aggregate, its lifecycle state machine and the rule that orders lifecycle events. */
package io.accesshub.domain.installation;
