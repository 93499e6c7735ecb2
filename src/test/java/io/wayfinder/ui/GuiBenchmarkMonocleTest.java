package io.wayfinder.ui;

import io.wayfinder.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code wayfinder bench gui} without an X server: the Monocle headless glass (software rendering into memory), so the
 * figures show the workbench's own cost rather than an X server's. Run with
 * {@code mvn -Pbench test -Dtest=GuiBenchmarkMonocleTest [-Dbench.store=/tmp/big.db]}.
 */
@Tag("bench")
class GuiBenchmarkMonocleTest {
    @Test
    void benchGuiUnderMonocle() throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("headless.geometry", "1400x900-32");
        String big = System.getProperty("bench.store", "/tmp/big.db");
        Path store = Files.exists(Path.of(big)) ? Path.of(big) : null;
        TestData.require("nats-bench-tss/nats_tss_test_acc.tsv");
        boolean stream = !"none".equals(System.getProperty("bench.project"));
        GuiBenchmark.run(new GuiBenchmark.Options(store, 1, stream ? TestData.samples().resolve("nas201-random.json") : null,
                TestData.dataDirectory(), Files.createTempDirectory("wf-cache"), 10,
                System.getProperty("bench.screen", "rewards")), System.out);
    }
}
