/** The pure rules of the hub: installations, grants, scopes and the policies between them, in plain Java. */
package io.accesshub.domain;
