package io.wayfinder.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfinder.project.Settings;
import io.wayfinder.run.InputException;
import io.wayfinder.run.Json;
import java.util.ServiceLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Issue 14 defects 3 and 4 for task kinds: documented ranges and closed key sets. */
class TaskSettingsRangesTest {
    private static Settings settings(String json) {
        return Settings.of("p.json", "$.tasks[0].settings", Json.readTree(json, "test"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"epochs\": 0}|epochs", "{\"batchSize\": 1000000000}|batchSize", "{\"downsample\": 100}|downsample",
            "{\"learningRate\": 1e308}|learningRate", "{\"classes\": 1}|classes", "{\"trainSize\": -5}|trainSize"})
    void imageSettingsOutsideTheirRangeAreRefusedNamingTheKey(String json, String key) {
        assertThatThrownBy(() -> ImageTaskSettings.of(settings(json))).isInstanceOf(InputException.class)
                .hasMessageContaining("p.json: $.tasks[0].settings." + key + ": a ");
    }

    @Test
    void everyTaskKindKnowsItsKeysAndAMisspeltOneNamesTheClosest() {
        int kinds = 0;
        for (EvaluatorProvider p : ServiceLoader.load(EvaluatorProvider.class)) {
            kinds++;
            assertThat(p.settingKeys()).as(p.kind()).isNotEmpty();
        }
        assertThat(kinds).isEqualTo(5);
        assertThatThrownBy(() -> settings("{\"batchsize\": 3}").requireOnly(
                EvaluatorProvider.forKind("image").settingKeys()))
                .hasMessageContaining("$.tasks[0].settings.batchsize").hasMessageContaining("did you mean 'batchSize'");
    }
}
