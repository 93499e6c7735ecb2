package io.wayfinder.run;

import java.util.List;

/**
 * A run as stored: the frozen project and search space it was started from, and its status.
 *
 * @param id              the run's id in its store
 * @param name            a display name (the project's name)
 * @param strategy        the strategy's id
 * @param seed            the run's seed
 * @param status          its status
 * @param message         the last status message (an error, "stopped by user", ...)
 * @param createdMillis   when it was created
 * @param updatedMillis   when its status last changed
 * @param requestedTrials the total number of counted trials it aims for
 * @param spaceHash       the search space's hash
 * @param projectJson     the project file's text as it was when the run started
 * @param spaceJson       the search space in canonical JSON
 * @param taskNames       the run's tasks in order
 * @param dataDirectory   the data directory it was started with
 */
public record RunRecord(long id, String name, String strategy, long seed, RunStatus status, String message,
                        long createdMillis, long updatedMillis, int requestedTrials, String spaceHash,
                        String projectJson, String spaceJson, List<String> taskNames, String dataDirectory) {
    public RunRecord {
        taskNames = List.copyOf(taskNames);
    }

    public RunRecord withStatus(RunStatus s, String m, long now) {
        return new RunRecord(id, name, strategy, seed, s, m, createdMillis, now, requestedTrials, spaceHash,
                projectJson, spaceJson, taskNames, dataDirectory);
    }

    public RunRecord withRequestedTrials(int n) {
        return new RunRecord(id, name, strategy, seed, status, message, createdMillis, updatedMillis, n, spaceHash,
                projectJson, spaceJson, taskNames, dataDirectory);
    }
}
