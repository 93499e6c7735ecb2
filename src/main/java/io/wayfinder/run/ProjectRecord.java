package io.wayfinder.run;

/**
 * A project the store has seen runs of.
 *
 * @param id          its id in the store
 * @param name        the project's name
 * @param file        the project file it was read from (empty when unknown)
 * @param lastUsedMillis when a run of it was last created
 */
public record ProjectRecord(long id, String name, String file, long lastUsedMillis) {
}
