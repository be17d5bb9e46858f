/** Public Java API of the fake HighLevel marketplace: start it, configure it, drive installs, inject faults and observe what clients did. */
package io.accesshub.simulator;
