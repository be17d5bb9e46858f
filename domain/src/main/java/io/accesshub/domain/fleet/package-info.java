/** The state of the whole fleet of installations at one moment, as operators watch it. */
package io.accesshub.domain.fleet;
