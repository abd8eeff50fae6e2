package dev.tollgate.engine.workflow;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

import java.util.ArrayList;
import java.util.List;

/** The best-of multicast's aggregation: every branch's {@link WorkerResult}, gathered in a list. */
final class CollectResults implements AggregationStrategy {
    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange gathered, Exchange branch) {
        WorkerResult result = branch.getMessage().getBody(WorkerResult.class);
        if (gathered == null) {
            List<WorkerResult> results = new ArrayList<>();
            results.add(result);
            branch.getMessage().setBody(results);
            return branch;
        }
        gathered.getMessage().getBody(List.class).add(result);
        return gathered;
    }
}
