package io.accesshub.adapter.ghl;

import java.net.ConnectException;

/** Tells a request that never left (the connection failed) from one whose answer was lost. */
final class ConnectFailures {

    private ConnectFailures() {
    }

    /** Whether {@code e} says the connection to HighLevel could not be made, so nothing was sent. */
    static boolean isConnectFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().startsWith("Connect Error")) {
                return true;
            }
        }
        return false;
    }
}
