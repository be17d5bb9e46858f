/** The rules between an agency's installation and its locations: token exchange and the cascade of its losses. */
package io.accesshub.domain.exchange;
