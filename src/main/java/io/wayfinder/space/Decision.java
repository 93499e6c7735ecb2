package io.wayfinder.space;

/** An element of a search space's ordered decision list. */
public sealed interface Decision permits CategoricalDecision, RepeatBlock, SkipDecision {
    String name();

    String description();
}
