package dev.tollgate.engine.workflow;

import dev.tollgate.engine.config.WorkerConfig;
import dev.tollgate.engine.config.WorkflowConfig;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.MulticastDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One run's Camel routes, built when it starts and removed when it ends: a best-of is a multicast to a route per
 * worker, in parallel, whose results {@link CollectResults} gathers for the selector; a pipeline passes a
 * {@link HandOff} from stage route to stage route.
 */
final class WorkflowRoutes extends RouteBuilder {
    private final WorkflowRun run;
    private final Function<WorkerConfig, Processor> step;
    private final Processor select;
    private final List<String> routeIds = new ArrayList<>();

    /**
     * @param step   the processor that runs a worker: a best-of's takes the run's base card, a stage's a hand-off
     * @param select the best-of's selector, given the gathered results
     */
    WorkflowRoutes(WorkflowRun run, Function<WorkerConfig, Processor> step, Processor select) {
        this.run = run;
        this.step = step;
        this.select = select;
    }

    static String entry(WorkflowRun run) {
        return "direct:workflow-" + run.id();
    }

    @Override
    public void configure() {
        List<WorkerConfig> workers = run.workflow().participants();
        List<String> endpoints = workers.stream().map(w -> "direct:workflow-" + run.id() + "-" + w.name()).toList();
        String id = "workflow-" + run.id();
        routeIds.add(id);
        if (run.workflow().kind() == WorkflowConfig.Kind.BEST_OF) {
            MulticastDefinition multicast = from(entry(run)).routeId(id)
                    .multicast(new CollectResults()).parallelProcessing().id(id + "-multicast");
            endpoints.forEach(multicast::to);
            multicast.end().process(select).id(id + "-select");
        } else {
            from(entry(run)).routeId(id).pipeline(endpoints.toArray(String[]::new)).id(id + "-stages");
        }
        for (int i = 0; i < workers.size(); i++) {
            String workerRoute = id + "-" + workers.get(i).name();
            routeIds.add(workerRoute);
            from(endpoints.get(i)).routeId(workerRoute).process(step.apply(workers.get(i))).id(workerRoute + "-work");
        }
    }

    /** The ids of the routes this run added, to remove them when it ends. */
    List<String> routeIds() {
        return List.copyOf(routeIds);
    }
}
