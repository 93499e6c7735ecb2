package io.wayfinder.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wayfinder.cli.Main;
import io.wayfinder.run.Json;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchSpaceEditorViewModelTest {
    @TempDir
    Path dir;

    private static List<Path> sampleSpaces() throws Exception {
        try (Stream<Path> s = Files.list(Path.of("sample-projects", "spaces"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void loadThenSaveGivesTheSameBytesForEverySampleSpace() throws Exception {
        for (Path sample : sampleSpaces()) {
            SearchSpaceEditorViewModel vm = new SearchSpaceEditorViewModel();
            vm.load(sample);
            assertThat(vm.problems()).as(sample.toString()).isEmpty();
            assertThat(vm.dirtyProperty().get()).isFalse();
            Path out = dir.resolve(sample.getFileName());
            vm.save(out);
            assertThat(Files.readString(out)).as(sample.toString()).isEqualTo(Files.readString(sample));
            assertThat(vm.configurationCountProperty().get()).startsWith(String.format("%,d",
                    SearchSpaceCodec.read(sample).configurationCount()) + " configurations");
        }
    }

    @Test
    void buildingASpaceFromScratchShowsTheCodecsProblemsUntilItIsValid() {
        SearchSpaceEditorViewModel vm = new SearchSpaceEditorViewModel();
        assertThat(vm.problems()).containsExactly("(unsaved search space): $.decisions: at least one decision");
        DecisionRef act = vm.addCategorical(-1, "activation");
        assertThat(vm.problems()).anySatisfy(p -> assertThat(p).startsWith("(unsaved search space): $.decisions[0].choices"));
        assertThat(vm.decisions().get(0).problem()).isNotNull();
        assertThat(vm.validProperty().get()).isFalse();
        vm.addChoice(act, ValueType.TEXT, "relu", "");
        vm.addChoice(act, ValueType.TEXT, "swish", "");
        assertThat(vm.problems()).isEmpty();
        assertThat(vm.configurationCountProperty().get()).startsWith("2 configurations · 1 slots");

        DecisionRef block = vm.addRepeatBlock("layer", 3);
        DecisionRef filters = vm.addCategorical(block.index(), "filters");
        vm.addChoice(filters, ValueType.INTEGER, "24", "");
        vm.addChoice(filters, ValueType.INTEGER, "36", "");
        vm.addSkip(block.index(), "skip");
        // 2 activations x (2 filters)^3 x 2^(0+1+2) skip slots
        assertThat(vm.configurationCountProperty().get()).startsWith("128 configurations · 7 slots");
        assertThat(vm.decisions()).extracting(DecisionRow::kind)
                .containsExactly("categorical", "repeat", "categorical", "skip");
        assertThat(vm.decisions().get(3).ref()).isEqualTo(DecisionRef.inBlock(1, 1));

        SearchSpace built = SearchSpaceCodec.parse(vm.canonicalText(), "x");
        assertThat(built.hasSlot("layer[2].skip[1]")).isTrue();
        assertThat(built.slot("layer[0].filters").choices().get(1).value()).isEqualTo(36L);
    }

    @Test
    void validationMessagesAreThoseOfWayfinderValidate() throws Exception {
        SearchSpaceEditorViewModel vm = new SearchSpaceEditorViewModel();
        vm.load(Path.of("sample-projects", "spaces", "nas-bench-201.json"));
        Path file = dir.resolve("broken.json");
        vm.fileProperty().set(file);
        vm.rename(DecisionRef.top(1), vm.decisions().get(0).name());
        vm.setSpaceName("");
        DecisionRef empty = vm.addCategorical(-1, "empty");
        assertThat(vm.problems()).hasSizeGreaterThanOrEqualTo(2);
        // write the same tree the editor validates and ask the command line
        JsonNode tree = Json.readTree(Files.readString(Path.of("sample-projects", "spaces", "nas-bench-201.json")), "x");
        assertThat(tree).isNotNull();
        vm.undo();
        vm.redo();
        assertThat(vm.decisions()).extracting(DecisionRow::ref).contains(empty);
        Files.writeString(file, currentTree(vm));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.execute("validate", file.toString());
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(2);
        for (String p : vm.problems()) {
            assertThat(err.toString(StandardCharsets.UTF_8)).contains(p);
        }
        SearchSpaceEditorViewModel reopened = new SearchSpaceEditorViewModel();
        reopened.load(file);
        assertThat(reopened.problems()).containsExactlyElementsOf(vm.problems());
        assertThat(reopened.dirtyProperty().get()).as("an invalid file just opened is unchanged").isFalse();
        assertThat(reopened.validProperty().get()).isFalse();
    }

    /** The tree as the editor holds it, pretty-printed (even when invalid). */
    private static String currentTree(SearchSpaceEditorViewModel vm) throws Exception {
        java.lang.reflect.Field f = SearchSpaceEditorViewModel.class.getDeclaredField("tree");
        f.setAccessible(true);
        return Json.pretty((JsonNode) f.get(vm));
    }

    @Test
    void everyEditCanBeUndoneAndRedone() throws Exception {
        Path sample = Path.of("sample-projects", "spaces", "zoph-le-convnet.json");
        SearchSpaceEditorViewModel vm = new SearchSpaceEditorViewModel();
        vm.load(sample);
        String original = vm.canonicalText();
        DecisionRef first = vm.decisions().get(1).ref();
        assertThat(first.nested()).isTrue();
        List<Runnable> edits = List.of(
                () -> vm.setSpaceName("renamed"),
                () -> vm.setSpaceDescription("new description"),
                () -> vm.rename(first, "kernelHeight"),
                () -> vm.setDescription(first, "the kernel's height"),
                () -> vm.setCount(DecisionRef.top(0), 4),
                () -> vm.move(first, 1),
                () -> vm.addChoice(first, ValueType.INTEGER, "9", "nine"),
                () -> vm.setChoice(first, 0, ValueType.INTEGER, "2", ""),
                () -> vm.moveChoice(first, 0, 1),
                () -> vm.removeChoice(first, 0),
                () -> vm.addCategorical(-1, "dropout"),
                () -> vm.remove(first));
        List<String> states = new java.util.ArrayList<>();
        states.add(currentTree(vm));
        for (Runnable e : edits) {
            e.run();
            String now = currentTree(vm);
            assertThat(now).isNotEqualTo(states.get(states.size() - 1));
            states.add(now);
        }
        assertThat(vm.dirtyProperty().get()).isTrue();
        for (int i = states.size() - 2; i >= 0; i--) {
            vm.undo();
            assertThat(currentTree(vm)).isEqualTo(states.get(i));
        }
        assertThat(vm.canUndoProperty().get()).isFalse();
        assertThat(vm.canonicalText()).isEqualTo(original);
        assertThat(vm.dirtyProperty().get()).isFalse();
        for (int i = 1; i < states.size(); i++) {
            vm.redo();
            assertThat(currentTree(vm)).isEqualTo(states.get(i));
        }
        assertThat(vm.canRedoProperty().get()).isFalse();
        vm.undo();
        vm.addSkip(0, "skip2");
        assertThat(vm.canRedoProperty().get()).as("a new edit clears redo").isFalse();
    }

    @Test
    void typedValuesAreCheckedAndLabelsKept() {
        SearchSpaceEditorViewModel vm = new SearchSpaceEditorViewModel();
        DecisionRef d = vm.addCategorical(-1, "regularisation");
        vm.addChoice(d, ValueType.INTEGER, "abc", "");
        assertThat(vm.editErrorProperty().get()).isEqualTo("\"abc\" is not an integer");
        assertThat(vm.choices()).isEmpty();
        vm.addChoice(d, ValueType.NUMBER, "1e-5", "");
        vm.addChoice(d, ValueType.TEXT, "off", "disable deep tower");
        vm.addChoice(d, ValueType.BOOLEAN, "TRUE", "");
        assertThat(vm.editErrorProperty().get()).isEmpty();
        vm.selectedProperty().set(d);
        assertThat(vm.choices()).extracting(ChoiceRow::type)
                .containsExactly(ValueType.NUMBER, ValueType.TEXT, ValueType.BOOLEAN);
        assertThat(vm.choices().get(1).label()).isEqualTo("disable deep tower");
        SearchSpace s = SearchSpaceCodec.parse(vm.canonicalText(), "x");
        assertThat(s.flat().get(0).choices()).extracting(c -> c.value()).containsExactly(1e-5, "off", true);
        assertThat(s.flat().get(0).choices().get(1).display()).isEqualTo("disable deep tower");
        vm.addChoice(d, ValueType.TEXT, "off", "");
        assertThat(vm.problems()).isNotEmpty();
    }
}
