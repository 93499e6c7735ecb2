package io.wayfinder.strategy;

import io.wayfinder.space.Configuration;

/**
 * One member of an evolutionary strategy's current population, for the live view.
 *
 * @param configuration the member's configuration
 * @param reward        the reward it was observed with
 * @param age           how many of the task's observations arrived after it (0 = the newest member)
 */
public record PopulationMember(Configuration configuration, double reward, int age) {
}
