package io.wayfinder.run;

import java.util.List;

/** What is needed to create a run in a store. */
public record NewRun(String name, String strategy, long seed, int requestedTrials, String spaceHash,
                     String projectJson, String spaceJson, List<String> taskNames, String dataDirectory) {
}
