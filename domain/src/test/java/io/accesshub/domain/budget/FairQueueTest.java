package io.accesshub.domain.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairQueueTest {

    /** Serves every waiting call in turn and returns the order. */
    private static List<String> serveAll(FairQueue<String> queue) {
        List<String> served = new ArrayList<>();
        while (!queue.isEmpty()) {
            String next = queue.peek().orElseThrow();
            served.add(next);
            queue.remove(next);
        }
        return served;
    }

    @Test
    void aCallerWithManyCallsWaitingDoesNotStarveOneWithASingleCall() {
        FairQueue<String> queue = new FairQueue<>();
        for (int i = 1; i <= 5; i++) {
            queue.add("batch", "batch-" + i);
        }
        queue.add("interactive", "interactive-1");

        assertThat(serveAll(queue)).containsExactly("batch-1", "interactive-1", "batch-2", "batch-3", "batch-4",
            "batch-5");
    }

    @Test
    void callersTakeTurnsInTheOrderTheyArrivedAndEachOneKeepsItsOwnOrder() {
        FairQueue<String> queue = new FairQueue<>();
        queue.add("a", "a1");
        queue.add("b", "b1");
        queue.add("a", "a2");
        queue.add("c", "c1");
        queue.add("b", "b2");

        assertThat(queue.size()).isEqualTo(5);
        assertThat(serveAll(queue)).containsExactly("a1", "b1", "c1", "a2", "b2");
    }

    @Test
    void aCallGivenUpBehindTheHeadLeavesEveryonesPlace() {
        FairQueue<String> queue = new FairQueue<>();
        queue.add("a", "a1");
        queue.add("b", "b1");
        queue.add("b", "b2");
        queue.add("c", "c1");

        queue.remove("b2");
        queue.remove("c1");

        assertThat(serveAll(queue)).containsExactly("a1", "b1");
        assertThat(queue.peek()).isEmpty();
    }
}
