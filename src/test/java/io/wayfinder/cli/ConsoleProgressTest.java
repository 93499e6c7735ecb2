package io.wayfinder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.run.RunStatus;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.run.TrialStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress when the output is not a terminal: plain lines a log or CI can show. */
class ConsoleProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            false, now::get).tasks(List.of("fashion-mnist"));

    private static TrialRecord trial(int seq, double reward, long millis, TrialStatus status) {
        return new TrialRecord(seq + 1, 1, seq, 1, 0, new int[] {seq}, "{}", status,
                status == TrialStatus.FAILED ? "out of memory" : null, reward,
                status == TrialStatus.FAILED ? Double.NaN : reward, Double.NaN, 0, millis, seq, seq, 0, "{}", null);
    }

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void slowTrialsGiveOnePlainLineEachWithTaskRewardBestElapsedAndEta() {
        progress.runStarted(1, 0, 4);
        now.addAndGet(60_000_000_000L);
        progress.trialFinished(trial(0, 0.70, 60_000, TrialStatus.COMPLETE), 1, 4);
        now.addAndGet(60_000_000_000L);
        progress.trialFinished(trial(1, 0.80, 60_000, TrialStatus.COMPLETE), 2, 4);
        now.addAndGet(60_000_000_000L);
        progress.trialFinished(trial(2, Double.NaN, 60_000, TrialStatus.FAILED), 3, 4);
        now.addAndGet(60_000_000_000L);
        progress.trialFinished(trial(3, 0.75, 60_000, TrialStatus.COMPLETE), 4, 4);
        progress.runEnded(1, RunStatus.FINISHED, null);

        List<String> lines = lines();
        assertThat(lines).hasSize(6).noneMatch(l -> l.contains("\r"));
        assertThat(lines.get(1)).isEqualTo(
                "trial 1/4  task fashion-mnist  reward 0.7000  best 0.7000  elapsed 00:01:00  ETA 00:03:00");
        assertThat(lines.get(2)).isEqualTo(
                "trial 2/4  task fashion-mnist  reward 0.8000  best 0.8000  elapsed 00:02:00  ETA 00:02:00");
        assertThat(lines.get(3)).isEqualTo(
                "trial 3/4  task fashion-mnist  reward failed  best 0.8000  elapsed 00:03:00  ETA 00:01:00");
        assertThat(lines.get(4)).isEqualTo(
                "trial 4/4  task fashion-mnist  reward 0.7500  best 0.8000  elapsed 00:04:00  ETA 00:00:00");
        assertThat(lines.get(5)).startsWith("run 1 finished");
    }

    @Test
    void aResumedRunsBestIncludesTheTrialsItRecordedBefore() {
        progress.recorded(List.of(trial(0, 0.70, 60_000, TrialStatus.COMPLETE),
                trial(1, 0.90, 60_000, TrialStatus.COMPLETE), trial(2, Double.NaN, 60_000, TrialStatus.FAILED)));
        progress.runStarted(1, 3, 4);
        now.addAndGet(60_000_000_000L);
        progress.trialFinished(trial(3, 0.75, 60_000, TrialStatus.COMPLETE), 4, 4);
        assertThat(lines().get(0)).startsWith("run 1: 3/4 trials done (resumed)");
        assertThat(lines().get(1)).contains("reward 0.7500  best 0.9000");
    }

    @Test
    void fastTrialsGiveALineEveryFewSecondsAndTheLastOne() {
        progress.runStarted(1, 0, 1000);
        for (int i = 0; i < 1000; i++) {
            now.addAndGet(20_000_000L); // 20 ms per trial: 20 s in all
            progress.trialFinished(trial(i, i / 1000.0, 20, TrialStatus.COMPLETE), i + 1, 1000);
        }
        List<String> trialLines = lines().stream().filter(l -> l.startsWith("trial ")).toList();
        assertThat(trialLines).hasSize(ConsoleProgress.QUIET_SECONDS == 5 ? 4 : trialLines.size());
        assertThat(trialLines.get(0)).startsWith("trial 250/1000 ");
        assertThat(trialLines.get(trialLines.size() - 1)).startsWith("trial 1000/1000 ").contains("best 0.9990")
                .endsWith("ETA 00:00:00");
    }

    @Test
    void aTerminalGetsTheRedrawnBarInstead() {
        ConsoleProgress bar = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, now::get);
        bar.runStarted(1, 0, 2);
        now.addAndGet(1_000_000_000L);
        bar.trialFinished(trial(0, 0.5, 1000, TrialStatus.COMPLETE), 1, 2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\r[###############...............] 1/2  best 0.5000");
    }
}
