package io.wayfinder.child;

import io.wayfinder.task.EmbeddingModuleInfo;
import io.wayfinder.task.EmbeddingTable;

/**
 * A loaded embedding module: what it is, its id (for word2vec modules the name plus the hash of the corpus and the
 * training settings, see {@link EmbeddingModules.Status#id()}), and its table.
 */
public record EmbeddingModule(EmbeddingModuleInfo info, String id, EmbeddingTable table) {
}
