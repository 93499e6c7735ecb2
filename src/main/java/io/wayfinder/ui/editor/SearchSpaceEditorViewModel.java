package io.wayfinder.ui.editor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.run.InputException;
import io.wayfinder.run.Json;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The search-space editor's state and commands, over the file's JSON tree so that a half-finished space (a decision
 * with no choices yet, two decisions with one name) can be shown with its problems. Validation is the codec's own
 * ({@link SearchSpaceCodec#problems}), so the messages are those of {@code wayfinder validate}; saving writes the
 * codec's canonical form, so load-then-save of a formatted file gives the same bytes. Every edit can be undone.
 */
public final class SearchSpaceEditorViewModel {
    private static final int UNDO_LIMIT = 500;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ObjectNode tree;
    private ObjectNode savedTree;
    private final Deque<ObjectNode> undo = new ArrayDeque<>();
    private final Deque<ObjectNode> redo = new ArrayDeque<>();

    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final StringProperty spaceName = new SimpleStringProperty("");
    private final StringProperty spaceDescription = new SimpleStringProperty("");
    private final ObservableList<DecisionRow> decisions = FXCollections.observableArrayList();
    private final ObservableList<ChoiceRow> choices = FXCollections.observableArrayList();
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ObjectProperty<DecisionRef> selected = new SimpleObjectProperty<>();
    private final StringProperty configurationCount = new SimpleStringProperty("");
    private final StringProperty editError = new SimpleStringProperty("");
    private final BooleanProperty canUndo = new SimpleBooleanProperty();
    private final BooleanProperty canRedo = new SimpleBooleanProperty();
    private final BooleanProperty dirty = new SimpleBooleanProperty();
    private final BooleanProperty valid = new SimpleBooleanProperty();

    public SearchSpaceEditorViewModel() {
        ObjectNode empty = F.objectNode();
        empty.put("schemaVersion", SearchSpace.SCHEMA_VERSION);
        empty.put("name", "new-space");
        empty.put("description", "");
        empty.putArray("decisions");
        reset(empty, null);
        selected.addListener((o, a, b) -> refreshChoices());
    }

    // ---- files

    public void load(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode root = Json.readTree(text, path.toString());
        if (!root.isObject()) {
            throw new InputException(path.toString(), "$", "a JSON object with schemaVersion, name and decisions");
        }
        reset((ObjectNode) root, path);
        savedTree = tree.deepCopy();
        refresh();
        decisions.stream().filter(r -> "categorical".equals(r.kind())).findFirst()
                .ifPresent(r -> selected.set(r.ref()));
    }

    /** Saves in canonical form; refuses (with the problems) when the space is not valid. */
    public void save(Path path) {
        String text = canonicalText();
        try {
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        file.set(path);
        savedTree = (ObjectNode) Json.readTree(text, path.toString());
        tree = savedTree.deepCopy();
        refresh();
    }

    public void save() {
        if (file.get() == null) {
            throw new IllegalStateException("choose a file to save to");
        }
        save(file.get());
    }

    /** The file's text as it would be saved. */
    public String canonicalText() {
        return SearchSpaceCodec.write(SearchSpaceCodec.fromTree(tree, source()));
    }

    private void reset(ObjectNode root, Path path) {
        tree = root;
        file.set(path);
        undo.clear();
        redo.clear();
        savedTree = null;
        selected.set(null);
        refresh();
    }

    private String source() {
        return file.get() == null ? "(unsaved search space)" : file.get().toString();
    }

    // ---- edits

    public void setSpaceName(String name) {
        edit(() -> tree.put("name", name));
    }

    public void setSpaceDescription(String text) {
        edit(() -> tree.put("description", text));
    }

    /** Adds a categorical decision with no choices yet, at the end of the top level or of a repeat block. */
    public DecisionRef addCategorical(int block, String name) {
        ObjectNode d = F.objectNode();
        d.put("name", name);
        d.put("description", "");
        d.putArray("choices");
        return add(block, d);
    }

    public DecisionRef addRepeatBlock(String name, int count) {
        ObjectNode d = F.objectNode();
        d.put("type", "repeat");
        d.put("name", name);
        d.put("description", "");
        d.put("count", count);
        d.putArray("decisions");
        return add(-1, d);
    }

    public DecisionRef addSkip(int block, String name) {
        ObjectNode d = F.objectNode();
        d.put("type", "skip");
        d.put("name", name);
        d.put("description", "");
        return add(block, d);
    }

    private DecisionRef add(int block, ObjectNode d) {
        ArrayNode list = block < 0 ? topList() : innerList(block);
        if (list == null) {
            throw new IllegalArgumentException("decision " + block + " is not a repeat block");
        }
        edit(() -> list.add(d));
        DecisionRef ref = block < 0 ? DecisionRef.top(list.size() - 1) : DecisionRef.inBlock(block, list.size() - 1);
        selected.set(ref);
        return ref;
    }

    public void remove(DecisionRef ref) {
        ArrayNode list = listOf(ref);
        int i = ref.nested() ? ref.inner() : ref.index();
        edit(() -> list.remove(i));
        selected.set(null);
    }

    public void rename(DecisionRef ref, String name) {
        edit(() -> node(ref).put("name", name));
    }

    public void setDescription(DecisionRef ref, String text) {
        edit(() -> node(ref).put("description", text));
    }

    public void setCount(DecisionRef ref, int count) {
        edit(() -> node(ref).put("count", count));
    }

    /** Moves a decision up (delta -1) or down (+1) within its list. */
    public DecisionRef move(DecisionRef ref, int delta) {
        ArrayNode list = listOf(ref);
        int i = ref.nested() ? ref.inner() : ref.index();
        int j = i + delta;
        if (j < 0 || j >= list.size()) {
            return ref;
        }
        edit(() -> {
            JsonNode n = list.remove(i);
            list.insert(j, n);
        });
        DecisionRef moved = ref.nested() ? DecisionRef.inBlock(ref.index(), j) : DecisionRef.top(j);
        selected.set(moved);
        return moved;
    }

    public void addChoice(DecisionRef ref, ValueType type, String value, String label) {
        JsonNode v = parse(type, value);
        if (v == null) {
            return;
        }
        ArrayNode list = choiceList(ref);
        edit(() -> list.add(choiceNode(v, label)));
    }

    public void setChoice(DecisionRef ref, int index, ValueType type, String value, String label) {
        JsonNode v = parse(type, value);
        if (v == null) {
            return;
        }
        ArrayNode list = choiceList(ref);
        edit(() -> list.set(index, choiceNode(v, label)));
    }

    public void removeChoice(DecisionRef ref, int index) {
        ArrayNode list = choiceList(ref);
        edit(() -> list.remove(index));
    }

    public void moveChoice(DecisionRef ref, int index, int delta) {
        ArrayNode list = choiceList(ref);
        int j = index + delta;
        if (j < 0 || j >= list.size()) {
            return;
        }
        edit(() -> {
            JsonNode n = list.remove(index);
            list.insert(j, n);
        });
    }

    private JsonNode parse(ValueType type, String text) {
        try {
            JsonNode v = type.parse(text);
            editError.set("");
            return v;
        } catch (IllegalArgumentException e) {
            editError.set(e.getMessage());
            return null;
        }
    }

    private static JsonNode choiceNode(JsonNode value, String label) {
        if (label == null || label.isBlank()) {
            return value;
        }
        ObjectNode o = F.objectNode();
        o.set("value", value);
        o.put("label", label);
        return o;
    }

    public void undo() {
        if (!undo.isEmpty()) {
            redo.push(tree.deepCopy());
            tree = undo.pop();
            afterHistoryMove();
        }
    }

    public void redo() {
        if (!redo.isEmpty()) {
            undo.push(tree.deepCopy());
            tree = redo.pop();
            afterHistoryMove();
        }
    }

    private void afterHistoryMove() {
        DecisionRef s = selected.get();
        if (s != null && !exists(s)) {
            selected.set(null);
        }
        refresh();
    }

    private void edit(Runnable change) {
        ObjectNode before = tree.deepCopy();
        change.run();
        if (before.equals(tree)) {
            return;
        }
        undo.push(before);
        while (undo.size() > UNDO_LIMIT) {
            undo.removeLast();
        }
        redo.clear();
        refresh();
    }

    // ---- tree access

    private ArrayNode topList() {
        JsonNode d = tree.get("decisions");
        if (d == null || !d.isArray()) {
            return tree.putArray("decisions");
        }
        return (ArrayNode) d;
    }

    private ArrayNode innerList(int block) {
        JsonNode b = topList().get(block);
        if (b == null || !"repeat".equals(b.path("type").asText())) {
            return null;
        }
        JsonNode d = b.get("decisions");
        return d != null && d.isArray() ? (ArrayNode) d : ((ObjectNode) b).putArray("decisions");
    }

    private ArrayNode listOf(DecisionRef ref) {
        return ref.nested() ? innerList(ref.index()) : topList();
    }

    private ObjectNode node(DecisionRef ref) {
        ArrayNode list = listOf(ref);
        JsonNode n = list == null ? null : list.get(ref.nested() ? ref.inner() : ref.index());
        if (!(n instanceof ObjectNode o)) {
            throw new IllegalArgumentException("no decision at " + ref.jsonPath());
        }
        return o;
    }

    private boolean exists(DecisionRef ref) {
        ArrayNode list = listOf(ref);
        return list != null && list.get(ref.nested() ? ref.inner() : ref.index()) instanceof ObjectNode;
    }

    private ArrayNode choiceList(DecisionRef ref) {
        ObjectNode n = node(ref);
        JsonNode c = n.get("choices");
        if (c == null || !c.isArray()) {
            throw new IllegalArgumentException("decision " + n.path("name").asText() + " has no choice list");
        }
        return (ArrayNode) c;
    }

    // ---- derived state

    private void refresh() {
        List<String> messages = new ArrayList<>();
        List<io.wayfinder.run.InputException.Problem> found = SearchSpaceCodec.problems(tree, source());
        for (var p : found) {
            messages.add(p.toString());
        }
        problems.setAll(messages);
        valid.set(found.isEmpty());
        if (found.isEmpty()) {
            SearchSpace s = SearchSpaceCodec.fromTree(tree, source());
            BigInteger n = s.configurationCount();
            configurationCount.set(String.format("%,d", n) + " configurations · " + s.flat().size() + " slots"
                    + (n.bitLength() > 40 ? " (≈ 10^" + (n.toString().length() - 1) + ")" : ""));
        } else {
            configurationCount.set("— (fix " + found.size() + (found.size() == 1 ? " problem" : " problems") + ")");
        }
        spaceName.set(tree.path("name").asText(""));
        spaceDescription.set(tree.path("description").asText(""));
        List<DecisionRow> rows = new ArrayList<>();
        ArrayNode top = topList();
        for (int i = 0; i < top.size(); i++) {
            JsonNode d = top.get(i);
            DecisionRef ref = DecisionRef.top(i);
            rows.add(row(ref, d, found));
            if ("repeat".equals(d.path("type").asText()) && d.path("decisions").isArray()) {
                for (int k = 0; k < d.get("decisions").size(); k++) {
                    rows.add(row(DecisionRef.inBlock(i, k), d.get("decisions").get(k), found));
                }
            }
        }
        decisions.setAll(rows);
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
        dirty.set(savedTree == null ? !undo.isEmpty() : !savedTree.equals(tree));
        refreshChoices();
    }

    private static DecisionRow row(DecisionRef ref, JsonNode d, List<io.wayfinder.run.InputException.Problem> found) {
        String type = d.path("type").asText("categorical");
        String summary;
        if ("repeat".equals(type)) {
            summary = "× " + d.path("count").asText("?") + " layers, " + d.path("decisions").size() + " decisions";
        } else if ("skip".equals(type)) {
            summary = "yes/no from every earlier layer";
        } else {
            List<String> vals = new ArrayList<>();
            for (JsonNode c : d.path("choices")) {
                vals.add(c.isObject() ? c.path("label").asText(c.path("value").asText()) : c.asText());
            }
            summary = vals.size() + " choices: " + String.join(", ", vals);
        }
        String prefix = ref.jsonPath();
        String problem = null;
        for (var p : found) {
            String place = p.place();
            boolean mine = place.equals(prefix) || place.startsWith(prefix + ".");
            boolean innerDecision = !ref.nested() && place.startsWith(prefix + ".decisions[");
            if (mine && !innerDecision) {
                problem = p.expected();
                break;
            }
        }
        return new DecisionRow(ref, type, d.path("name").asText(""), summary, problem);
    }

    private void refreshChoices() {
        DecisionRef ref = selected.get();
        List<ChoiceRow> out = new ArrayList<>();
        if (ref != null && exists(ref)) {
            JsonNode list = node(ref).get("choices");
            if (list != null && list.isArray()) {
                for (int i = 0; i < list.size(); i++) {
                    JsonNode c = list.get(i);
                    JsonNode v = c.isObject() ? c.get("value") : c;
                    String label = c.isObject() && c.hasNonNull("label") ? c.get("label").asText() : "";
                    out.add(new ChoiceRow(i, ValueType.of(v), v == null ? "" : v.asText(), label));
                }
            }
        }
        choices.setAll(out);
    }

    /** A copy of the space being edited, as JSON (possibly invalid), for the diagram. */
    public JsonNode spaceTree() {
        return tree.deepCopy();
    }

    /** The selected decision's kind, name, description and count (for the detail form). */
    public JsonNode selectedNode() {
        DecisionRef ref = selected.get();
        return ref != null && exists(ref) ? node(ref).deepCopy() : null;
    }

    // ---- properties

    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    public StringProperty spaceNameProperty() {
        return spaceName;
    }

    public StringProperty spaceDescriptionProperty() {
        return spaceDescription;
    }

    public ObservableList<DecisionRow> decisions() {
        return decisions;
    }

    public ObservableList<ChoiceRow> choices() {
        return choices;
    }

    public ObservableList<String> problems() {
        return problems;
    }

    public ObjectProperty<DecisionRef> selectedProperty() {
        return selected;
    }

    public StringProperty configurationCountProperty() {
        return configurationCount;
    }

    public StringProperty editErrorProperty() {
        return editError;
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo;
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo;
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty;
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid;
    }
}
