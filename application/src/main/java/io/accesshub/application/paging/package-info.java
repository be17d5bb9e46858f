/** Offset paging values shared by inbound and outbound ports. */
package io.accesshub.application.paging;
