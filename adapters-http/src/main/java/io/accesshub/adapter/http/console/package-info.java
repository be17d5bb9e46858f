/** The operations console at {@code /console}: server-rendered pages for operators signed in with an admin API key. */
package io.accesshub.adapter.http.console;
