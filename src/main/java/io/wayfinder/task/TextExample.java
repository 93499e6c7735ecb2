package io.wayfinder.task;

/**
 * One labelled text, tokenised.
 *
 * @param label  the class index into {@link TextDataset#classes()}
 * @param tokens the tokens of {@link Tokenizer}
 */
public record TextExample(int label, String[] tokens) {
}
