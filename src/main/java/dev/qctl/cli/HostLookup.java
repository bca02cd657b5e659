package dev.qctl.cli;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.model.QueuedMessage;
import dev.qctl.mta.MtaAdapter;
import dev.qctl.queue.Fleet;
import dev.qctl.queue.HostResult;
import dev.qctl.queue.HostTarget;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds which of several hosts holds a queue ID: all are asked at once, the first in the order
 * given wins. Hosts whose MTA cannot have such an ID (a Postfix ID on an Exim host) are not asked.
 */
final class HostLookup {
    record Found(HostTarget host, QueuedMessage message) {
    }

    /** One host's answer: whether the ID fits its MTA's grammar, and the message if it is there. */
    private record Answer(boolean fits, Optional<QueuedMessage> message) {
    }

    private final CliContext context;
    private final String id;

    HostLookup(CliContext context, String id) {
        this.context = context;
        this.id = id;
    }

    Found locate(Fleet fleet) {
        List<HostResult<Answer>> results = fleet.run((host, index) -> {
            MtaAdapter adapter = host.adapter();
            return adapter.idGrammar().isValid(id) ? new Answer(true, adapter.find(id, context::warn))
                    : new Answer(false, Optional.empty());
        }, result -> HostErrors.print(context, result));
        for (int i = 0; i < results.size(); i++) {
            HostResult<Answer> r = results.get(i);
            if (r.ok() && r.value().message().isPresent()) {
                return new Found(fleet.hosts().get(i), r.value().message().get());
            }
        }
        List<HostResult<Answer>> answered = results.stream().filter(HostResult::ok).toList();
        if (answered.isEmpty()) {
            throw new QctlException(ExitCode.UNAVAILABLE, "no host could be searched for " + id);
        }
        if (answered.stream().noneMatch(r -> r.value().fits())) {
            throw new QctlException(ExitCode.BAD_ID, "'" + id + "' is not a queue ID of any MTA on these hosts");
        }
        String searched = answered.stream().filter(r -> r.value().fits()).map(HostResult::host)
                .collect(Collectors.joining(", "));
        throw new QctlException(ExitCode.NOT_FOUND, "no message " + id + " on " + searched
                + (answered.size() < results.size() ? " (some hosts could not be searched)" : ""));
    }
}
