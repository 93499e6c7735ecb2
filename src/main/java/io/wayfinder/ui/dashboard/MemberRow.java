package io.wayfinder.ui.dashboard;

/**
 * One member of evolution's current population as the population view lists it.
 *
 * @param trial         the trial it came from (its number in the run), or -1 when no stored trial matches
 * @param age           the task's observations since it joined (0 = newest)
 * @param reward        the reward it was observed with
 * @param configuration {@code decision=value, ...}
 * @param hurdle        how it fared at the hurdles ("passed", "stopped at stage 1"), or empty without hurdles
 */
public record MemberRow(int trial, int age, double reward, String configuration, String hurdle) {
}
