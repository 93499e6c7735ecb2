package io.wayfinder.strategy;

import io.wayfinder.project.Settings;
import io.wayfinder.project.StrategySpec;
import io.wayfinder.run.Json;
import java.util.Optional;

class PpoContractTest extends StrategyContractTest {
    @Override
    String id() {
        return "ppo";
    }
}

class PpoMultitaskContractTest extends StrategyContractTest {
    @Override
    Strategy create(long seed) {
        return StrategyFactory.create(new StrategySpec("ppo", Settings.of("test", "$.strategy.settings",
                Json.MAPPER.createObjectNode().put("mode", "multitask"))), SPACE, TASKS, seed, s -> Optional.empty());
    }

    @Override
    String id() {
        return "ppo";
    }
}

class PpoTransferContractTest extends StrategyContractTest {
    @Override
    Strategy create(long seed) {
        Strategy pre = StrategyFactory.create(new StrategySpec("maml", Settings.empty()), SPACE, 3, 77,
                s -> Optional.empty());
        drive(pre, 0, 30);
        byte[] bytes = pre.state();
        return StrategyFactory.create(new StrategySpec("ppo", Settings.of("test", "$.strategy.settings",
                Json.MAPPER.createObjectNode().put("mode", "transfer"))), SPACE, TASKS, seed, s -> Optional.of(bytes));
    }

    @Override
    String id() {
        return "ppo";
    }
}

class MnmsContractTest extends StrategyContractTest {
    @Override
    String id() {
        return "mnms";
    }
}

class MnmsSingleContractTest extends StrategyContractTest {
    @Override
    Strategy create(long seed) {
        return StrategyFactory.create(new StrategySpec("mnms", Settings.of("test", "$.strategy.settings",
                Json.MAPPER.createObjectNode().put("mode", "single").put("cubeReward", false))), SPACE, TASKS, seed,
                s -> Optional.empty());
    }

    @Override
    String id() {
        return "mnms";
    }
}

class MnmsTransferFromPpoContractTest extends StrategyContractTest {
    @Override
    Strategy create(long seed) {
        Strategy pre = StrategyFactory.create(new StrategySpec("ppo", Settings.of("test", "$.strategy.settings",
                Json.MAPPER.createObjectNode().put("mode", "multitask"))), SPACE, 3, 77, s -> Optional.empty());
        drive(pre, 0, 30);
        byte[] bytes = pre.state();
        return StrategyFactory.create(new StrategySpec("mnms", Settings.of("test", "$.strategy.settings",
                Json.MAPPER.createObjectNode().put("mode", "transfer"))), SPACE, TASKS, seed, s -> Optional.of(bytes));
    }

    @Override
    String id() {
        return "mnms";
    }
}
