package io.wayfinder.strategy;

import io.wayfinder.controller.PolicyLearner;
import io.wayfinder.run.Rng;
import io.wayfinder.run.StateCodec;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.strategy.reinforce.ReinforceStrategy;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The common head of the state of the controller strategies other than REINFORCE ({@code ppo}, {@code mnms}): random
 * state, mode and controller checkpoints, written first inside their {@link StateCodec} envelope, so either can be a
 * transfer source for the other (and for {@code taml}'s kin) without knowing the rest of the payload.
 */
public final class PolicyState {
    /** The strategies whose state starts with this head. */
    public static final List<String> KINDS = List.of(Strategy.stateKind("ppo"), Strategy.stateKind("mnms"));

    /** A decoded head. */
    public record Head(Rng rng, String mode, List<PolicyLearner> learners) {
    }

    private PolicyState() {
    }

    public static void writeHead(DataOutputStream out, Rng rng, String mode, List<PolicyLearner> learners)
            throws IOException {
        StateCodec.writeRng(out, rng);
        out.writeUTF(mode);
        out.writeInt(learners.size());
        for (PolicyLearner l : learners) {
            StateCodec.writeBytes(out, l.checkpoint());
        }
    }

    public static Head readHead(DataInputStream in, SearchSpace space) throws IOException {
        Rng rng = StateCodec.readRng(in);
        String mode = in.readUTF();
        int n = in.readInt();
        if (n < 0 || n > 100_000) {
            throw new IOException("impossible controller count " + n);
        }
        List<PolicyLearner> learners = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            learners.add(PolicyLearner.read(StateCodec.readBytes(in), space));
        }
        return new Head(rng, mode, learners);
    }

    /**
     * The single controller to transfer from: a controller checkpoint, the state of a {@code maml}/{@code taml} (or
     * one-task {@code aml}) run, or of a {@code ppo}/{@code mnms} run with one controller.
     *
     * @throws IllegalArgumentException when the bytes hold no single controller for this search space
     */
    public static PolicyLearner pretrainedLearner(byte[] bytes, SearchSpace space) {
        String kind = StateCodec.kindOf(bytes).orElse("");
        if (!KINDS.contains(kind)) {
            return ReinforceStrategy.pretrainedLearner(bytes, space);
        }
        Head h = StateCodec.decode(bytes, KINDS, Integer.MAX_VALUE, (in, version) -> {
            Head head = readHead(in, space);
            in.skipBytes(in.available());
            return head;
        });
        if (h.learners().size() != 1) {
            throw new IllegalArgumentException("the earlier run has " + h.learners().size() + " separate controllers"
                    + " (mode single over several tasks); transfer needs one (mode multitask or transfer)");
        }
        return h.learners().get(0);
    }
}
