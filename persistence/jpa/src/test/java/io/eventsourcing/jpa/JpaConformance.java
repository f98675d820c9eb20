package io.eventsourcing.jpa;

import io.eventsourcing.dcb.DcbRecorder;
import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.ProcessRecorder;
import io.eventsourcing.tck.ApplicationRecorderConformance;
import io.eventsourcing.tck.BackendConformance;
import io.eventsourcing.tck.DcbRecorderConformance;
import io.eventsourcing.tck.ProcessRecorderConformance;
import org.junit.jupiter.api.Nested;

/*
 * Design: beside the whole kit (each recorder call the JDBC recorder's, committed by itself), the
 * application and process recorder suites run again with every call inside transaction(entityManager ->
 * ...), so the ids, the lock, the conflicts and the concurrent writers are checked on the Hibernate
 * session's own connection; so does the DCB recorder suite. Each database is a subclass that prepares an empty database per test.
 */

/** The whole conformance kit on {@code PERSISTENCE_MODULE=jpa}, and its recorder suites in transaction blocks. */
abstract class JpaConformance extends BackendConformance {

    @Override
    protected Class<? extends InfrastructureFactory> expectedFactoryClass() {
        return JpaFactory.class;
    }

    @Nested
    class ApplicationsInTransactions extends ApplicationRecorderConformance {
        @Override
        protected ApplicationRecorder createRecorder() {
            return new InTransactions(factory().processRecorder());
        }
    }

    @Nested
    class ProcessesInTransactions extends ProcessRecorderConformance {
        @Override
        protected ProcessRecorder createRecorder() {
            return new InTransactions(factory().processRecorder());
        }
    }

    @Nested
    class DcbRecordersInTransactions extends DcbRecorderConformance {
        @Override
        protected DcbRecorder createRecorder() {
            return new DcbInTransactions(factory().dcbRecorder());
        }
    }
}
