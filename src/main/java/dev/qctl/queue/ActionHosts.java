package dev.qctl.queue;

import dev.qctl.ExitCode;
import dev.qctl.mta.MtaAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The hosts an action runs on, as the act use case needs them: a name and an MTA adapter each, and
 * a way to run one task per host (the CLI's {@link Fleet}: in parallel with deadlines; the TUI's
 * browser: in turn, over the adapters it already has).
 */
public interface ActionHosts {
    int size();

    /** Runs the task on every host; results in host order, each also to {@code each} as it is ready. */
    <T> List<HostResult<T>> run(Task<T> task, Consumer<HostResult<T>> each);

    @FunctionalInterface
    interface Task<T> {
        T run(String host, MtaAdapter adapter, int index);
    }

    /** A host with its adapter already open. */
    record Open(String name, MtaAdapter adapter) {
    }

    static ActionHosts of(Fleet fleet) {
        return new ActionHosts() {
            @Override
            public int size() {
                return fleet.hosts().size();
            }

            @Override
            public <T> List<HostResult<T>> run(Task<T> task, Consumer<HostResult<T>> each) {
                return fleet.run((host, index) -> task.run(host.name(), host.adapter(), index), each);
            }
        };
    }

    /** Hosts worked on one after the other; a host that fails becomes an error result. */
    static ActionHosts inTurn(List<Open> hosts) {
        List<Open> copy = List.copyOf(hosts);
        return new ActionHosts() {
            @Override
            public int size() {
                return copy.size();
            }

            @Override
            public <T> List<HostResult<T>> run(Task<T> task, Consumer<HostResult<T>> each) {
                List<HostResult<T>> results = new ArrayList<>();
                for (int i = 0; i < copy.size(); i++) {
                    Open host = copy.get(i);
                    HostResult<T> result;
                    try {
                        result = HostResult.ok(host.name(), task.run(host.name(), host.adapter(), i));
                    } catch (RuntimeException e) {
                        result = HostResult.failed(host.name(), ExitCode.messageOf(e), ExitCode.of(e));
                    }
                    results.add(result);
                    each.accept(result);
                }
                return results;
            }
        };
    }
}
