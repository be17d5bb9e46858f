/** Developer-initiated uninstall: the reason sent to HighLevel, the durable request and the rule for HighLevel's answer. */
package io.accesshub.domain.uninstall;
