package io.wayfinder.strategy;

import io.wayfinder.space.Configuration;

/**
 * What a strategy learns from one finished trial. A failed child arrives with {@code failed = true} and the run's
 * failure reward (default 0), so every strategy treats failures the same way.
 *
 * @param task          the task's index in the run
 * @param configuration what was trained
 * @param reward        the reward (validation metric), or the failure reward
 * @param failed        whether the child failed (diverged, threw, ran out of memory)
 */
public record Observation(int task, Configuration configuration, double reward, boolean failed) {
}
