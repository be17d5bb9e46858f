/** The install handle lookup: which install a successful install's redirect was about, for the SaaS that started it. */
package io.accesshub.adapter.http.installs;
