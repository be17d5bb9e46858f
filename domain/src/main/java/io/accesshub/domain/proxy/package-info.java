/**
 * Rules for calls product teams make to HighLevel through the hub: which paths may be called, which headers cross,
 * which {@code Version} a path needs, how long a caller may wait for budget, and which calls may be repeated.
 */
package io.accesshub.domain.proxy;
