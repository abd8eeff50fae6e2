package dev.tollgate.engine.policy;

import org.drools.core.common.InternalFactHandle;
import org.drools.kiesession.session.StatefulKnowledgeSessionImpl;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.ObjectFilter;
import org.kie.api.runtime.conf.KeepReferenceOption;
import org.kie.api.runtime.conf.ThreadSafeOption;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * One Drools session that decisions take turns on: one decision at a time, so it is built without
 * Drools' internal locking ({@link ThreadSafeOption#NO}), and reset between decisions the way Drools'
 * own session pool resets its sessions. That made the rules' part of a decision about 15% faster
 * than a pooled stateless session (bench/).
 */
final class RuleSession {
    private static final ObjectFilter CONCLUSIONS = new ClassObjectFilter(Conclusion.class);
    private static final int POSITION_BITS = 24;
    private static final long POSITION_MASK = (1L << POSITION_BITS) - 1;

    private final StatefulKnowledgeSessionImpl session;
    private final List<String> fired = new ArrayList<>();
    private final AgendaEventListener firedRules = new DefaultAgendaEventListener() {
        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            fired.add(event.getMatch().getRule().getName());
        }
    };

    RuleSession(KieBase kieBase) {
        KieSessionConfiguration conf = KieServices.get().newKieSessionConfiguration();
        conf.setOption(ThreadSafeOption.NO);
        conf.setOption(KeepReferenceOption.NO);
        session = (StatefulKnowledgeSessionImpl) kieBase.newKieSession(conf, null);
    }

    PolicyRules.Evaluation evaluate(Collection<?> facts) {
        // Added per decision: a reset drops the session's listeners.
        session.addEventListener(firedRules);
        for (Object fact : facts) {
            // Straight into the network, without the working memory's identity map of facts, which only lookups by
            // object need (a rule's delete or modify of a matched fact uses the match's handle): that map was a
            // third of a decision without rules (bench/README.md). What the rules insert is kept there as usual.
            session.insertAsync(fact);
        }
        session.fireAllRules();
        // In the order the rules concluded them (Drools keeps facts in an identity map, whose order changes from run
        // to run), so that a candidate's reasons and a model's justifications read the same every time: a handle's id
        // counts up from the session's reset, so each handle's id and position sort as one long.
        InternalFactHandle[] handles = session.getFactHandles(CONCLUSIONS).toArray(new InternalFactHandle[0]);
        long[] idAndPosition = new long[handles.length];
        for (int i = 0; i < handles.length; i++) {
            idAndPosition[i] = handles[i].getId() << POSITION_BITS | i;
        }
        Arrays.sort(idAndPosition);
        List<Conclusion> conclusions = new ArrayList<>(handles.length);
        for (long key : idAndPosition) {
            conclusions.add((Conclusion) handles[(int) (key & POSITION_MASK)].getObject());
        }
        return new PolicyRules.Evaluation(conclusions, List.copyOf(fired));
    }

    /** Empties the session for the next decision (working memory, agenda, truth maintenance). */
    void reset() {
        session.removeEventListener(firedRules);
        fired.clear();
        session.reset();
    }
}
