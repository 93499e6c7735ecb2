package io.wayfinder.child;

import io.wayfinder.task.EmbeddingModuleInfo;
import io.wayfinder.task.EmbeddingTable;

/** A loaded embedding module: what it is, and its table. */
public record EmbeddingModule(EmbeddingModuleInfo info, EmbeddingTable table) {
}
