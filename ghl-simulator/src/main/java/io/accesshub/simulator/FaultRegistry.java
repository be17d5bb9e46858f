package io.accesshub.simulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Holds injected faults and hands out the first one matching a request, counting down limited ones. */
final class FaultRegistry {

    private final List<long[]> remaining = new ArrayList<>();
    private final List<Fault> faults = new ArrayList<>();

    synchronized void add(Fault fault) {
        faults.add(fault);
        remaining.add(new long[] {fault.times()});
    }

    synchronized Fault take(FaultEndpoint endpoint) {
        Iterator<Fault> fi = faults.iterator();
        Iterator<long[]> ri = remaining.iterator();
        while (fi.hasNext()) {
            Fault f = fi.next();
            long[] left = ri.next();
            if (f.endpoint() == endpoint || f.endpoint() == FaultEndpoint.ANY) {
                if (left[0] > 0) {
                    left[0]--;
                    if (left[0] == 0) {
                        fi.remove();
                        ri.remove();
                    }
                }
                return f;
            }
        }
        return null;
    }

    synchronized List<Fault> active() {
        List<Fault> out = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            long left = remaining.get(i)[0];
            out.add(left < 0 ? f : f.times((int) left));
        }
        return out;
    }

    synchronized void clear() {
        faults.clear();
        remaining.clear();
    }
}
