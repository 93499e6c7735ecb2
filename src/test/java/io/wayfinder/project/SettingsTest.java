package io.wayfinder.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wayfinder.run.InputException;
import io.wayfinder.run.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static Settings of(String json) {
        return Settings.of("p.json", "$.strategy.settings", Json.readTree(json, "p.json"));
    }

    @Test
    void misspeltKeyNamesTheClosestKnownKey() throws Exception {
        InputException e = assertThrows(InputException.class,
                () -> of("{\"learningrate\": 0.1}").requireOnly(List.of("learningRate", "entropy")));
        assertEquals("p.json: $.strategy.settings.learningrate: a known setting (did you mean 'learningRate'?)",
                e.getMessage());
    }

    @Test
    void unknownKeyFarFromAnyListsTheKnownKeys() throws Exception {
        InputException e = assertThrows(InputException.class,
                () -> of("{\"zzzzzzzz\": 1}").requireOnly(List.of("population", "sample")));
        assertTrue(e.getMessage().contains("known: population, sample"), e.getMessage());
    }

    @Test
    void numbersOutsideTheirRangeAreRejected() throws Exception {
        Settings s = of("{\"hidden\": 1000000000, \"learningRate\": 1e308, \"population\": 0}");
        assertThrows(InputException.class, () -> s.integer("hidden", 50, 1, 4096));
        assertThrows(InputException.class, () -> s.number("learningRate", 0.001, 0, 10));
        InputException e = assertThrows(InputException.class, () -> s.integer("population", 50, 2, 1_000_000));
        assertEquals("p.json: $.strategy.settings.population: a whole number from 2 to 1000000, found 0", e.getMessage());
        assertEquals(50, of("{}").integer("population", 50, 2, 100));
    }
}
