package io.wayfinder.controller;

import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;

/** Small search spaces for controller tests. */
final class Spaces {
    private Spaces() {
    }

    /** Two plain decisions and a 3-layer block with a categorical decision and skip connections. */
    static SearchSpace mixed() {
        return SearchSpaceCodec.parse("""
                {"schemaVersion": 1, "name": "mixed", "description": "test", "decisions": [
                  {"name": "a", "description": "a", "choices": [1, 2, 3]},
                  {"type": "repeat", "name": "layer", "description": "l", "count": 3, "decisions": [
                    {"name": "width", "description": "w", "choices": [8, 16]},
                    {"type": "skip", "name": "inputs", "description": "skips"}]},
                  {"name": "b", "description": "b", "choices": ["x", "y", "z", "w"]}]}
                """, "mixed.json");
    }

    /** Three plain decisions of four choices: 64 configurations. */
    static SearchSpace plain() {
        return SearchSpaceCodec.parse("""
                {"schemaVersion": 1, "name": "plain", "description": "test", "decisions": [
                  {"name": "a", "description": "a", "choices": [0, 1, 2, 3]},
                  {"name": "b", "description": "b", "choices": [0, 1, 2, 3]},
                  {"name": "c", "description": "c", "choices": [0, 1, 2, 3]}]}
                """, "plain.json");
    }
}
