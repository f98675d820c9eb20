package io.eventsourcing.examples.dcb;

import io.eventsourcing.dcb.DcbApplication;
import io.eventsourcing.dcb.Decision;
import io.eventsourcing.dcb.DecisionModel;
import java.util.List;
import java.util.Map;

/** The dog school on DCB: each command decides on one {@link Dog}, as an aggregate's would. */
public class DogSchool extends DcbApplication {

    public DogSchool(Map<String, String> env) {
        super(env);
    }

    // tag::dcb-entity-application[]
    public void register(String name) {
        DecisionModel<Dog> dog = Dog.model(name);
        Decision decision = decide(dog);
        append(decision, decision.state(dog).register());
    }

    public void addTrick(String name, String trick) {
        retry(() -> {
            DecisionModel<Dog> dog = Dog.model(name);
            Decision decision = decide(dog);
            return append(decision, decision.state(dog).addTrick(trick));
        });
    }

    public List<String> tricks(String name) {
        DecisionModel<Dog> dog = Dog.model(name);
        return decide(dog).state(dog).tricks();
    }
    // end::dcb-entity-application[]
}
