package org.conpaas.bench;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.util.ArrayList;
import java.util.List;

/** One aggregate's events as its repository stores them: the payloads in order, numbered from 0. */
final class AggregateHistory {

    private AggregateHistory() {
    }

    static List<DomainEventMessage<?>> of(String type, String aggregate, List<?> payloads) {
        List<DomainEventMessage<?>> out = new ArrayList<>(payloads.size());
        for (int seq = 0; seq < payloads.size(); seq++) {
            out.add(new GenericDomainEventMessage<>(type, aggregate, seq, payloads.get(seq)));
        }
        return out;
    }
}
