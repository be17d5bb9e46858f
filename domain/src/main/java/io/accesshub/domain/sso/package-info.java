/** Single sign-on for HighLevel custom pages: the user context HighLevel hands an embedded page. */
package io.accesshub.domain.sso;
