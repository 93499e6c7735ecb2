package io.wayfinder.ui.welcome;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.project.Project;
import io.wayfinder.project.ProjectCodec;
import io.wayfinder.project.SampleProjects;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.run.InputException;
import io.wayfinder.run.RunRecord;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The welcome view's state: the sample projects with the data each needs (present or not, and the command that gets
 * it), the quickest one that can run, recent stores and runs, and a new project from one's own data set (a TSV of
 * label and text, or a folder of IDX image files) written without editing JSON. Holds no controls; the samples are
 * read off the FX thread ({@code background}) and published on {@code ui}.
 */
public final class WelcomeViewModel {
    /** One data location a sample's task reads. */
    public record DataNeed(String task, String kind, Path location, boolean present, String howToGet) {
    }

    /**
     * A sample project as the welcome view lists it.
     *
     * @param speedRank 0 = table lookups (seconds), 1 = small conv nets, 2 = text children, 3 = language models
     */
    public record Sample(Path file, String name, String description, String strategy, int tasks, int trialsPerTask,
                         int speedRank, List<DataNeed> data) {
        public boolean ready() {
            return data.stream().allMatch(DataNeed::present);
        }

        public String speed() {
            return switch (speedRank) {
                case 0 -> "table lookups: seconds";
                case 1 -> "small conv nets: minutes";
                case 2 -> "text networks: tens of minutes";
                default -> "language models: hours";
            };
        }
    }

    /** What the shell does for the welcome view. */
    public interface Actions {
        void openProject(Path file);

        void startProject(Path file);

        void openRun(long runId);

        /** Opens a store: a file path, or a database URL ({@code postgresql://host[:port]/db}). */
        void openStore(String store);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path samplesDirectory;
    private final Path projectsDirectory;
    private final Path dataDirectory;
    private final Executor ui;
    private final Executor background;
    private final Actions actions;
    private final ObservableList<Sample> samples = FXCollections.observableArrayList();
    private final ObservableList<String> recentStores = FXCollections.observableArrayList();
    private final ObservableList<RunRecord> recentRuns = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("reading the sample projects...");
    private final BooleanProperty loaded = new SimpleBooleanProperty(false);
    private final StringProperty newTaskMessage = new SimpleStringProperty("");

    /**
     * @param samplesDirectory  where the sample projects are copied out of the jar
     * @param projectsDirectory where projects made from one's own data are written
     * @param dataDirectory     the data directory tasks resolve relative locations against
     */
    public WelcomeViewModel(Path samplesDirectory, Path projectsDirectory, Path dataDirectory, Executor ui,
                            Executor background, Actions actions) {
        this.samplesDirectory = samplesDirectory;
        this.projectsDirectory = projectsDirectory;
        this.dataDirectory = dataDirectory;
        this.ui = ui;
        this.background = background;
        this.actions = actions;
    }

    /** Copies out and describes the sample projects (background), then publishes them (ui). */
    public WelcomeViewModel load() {
        background.execute(() -> {
            List<Sample> found = new ArrayList<>();
            String message;
            try {
                for (Path f : SampleProjects.extractTo(samplesDirectory)) {
                    try {
                        found.add(describe(ProjectCodec.read(f), dataDirectory));
                    } catch (RuntimeException e) {
                        // a sample that does not parse is a bug the tests catch; the others still show
                    }
                }
                // what can run here first, quickest first
                found.sort(Comparator.comparing((Sample x) -> !x.ready()).thenComparingInt(Sample::speedRank)
                        .thenComparing(Sample::name));
                long ready = found.stream().filter(Sample::ready).count();
                message = found.size() + " sample projects, " + ready + " with their data present (data directory "
                        + dataDirectory + ")";
            } catch (RuntimeException e) {
                message = "could not read the sample projects: " + e.getMessage();
            }
            String m = message;
            ui.execute(() -> {
                samples.setAll(found);
                status.set(m);
                loaded.set(true);
            });
        });
        return this;
    }

    /** A project's data needs and speed. */
    public static Sample describe(Project p, Path dataDirectory) {
        List<DataNeed> needs = new ArrayList<>();
        int rank = 0;
        for (TaskSpec t : p.tasks()) {
            rank = Math.max(rank, switch (t.kind()) {
                case "tabular" -> 0;
                case "image" -> 1;
                case "text" -> 2;
                default -> 3;
            });
            if (t.data() == null || t.data().isBlank()) {
                continue;
            }
            Path location = resolve(t.data(), dataDirectory, p.directory());
            boolean present = Files.exists(location);
            needs.add(new DataNeed(t.name(), t.kind(), location, present, present ? "" : howToGet(t.data(), dataDirectory)));
        }
        if (io.wayfinder.strategy.Strategies.find(p.strategy().name())
                .map(io.wayfinder.strategy.StrategyProvider::trainsNetworks).orElse(false)) {
            rank = Math.max(rank, 1); // a one-shot search trains a super-network: minutes, whatever its task
        }
        return new Sample(p.file(), p.name(), p.description() == null ? "" : p.description(), p.strategy().name(),
                p.tasks().size(), p.trialsPerTask(), rank, List.copyOf(needs));
    }

    private static Path resolve(String location, Path dataDirectory, Path projectDirectory) {
        Path p = Path.of(location);
        if (p.isAbsolute()) {
            return p;
        }
        Path inData = dataDirectory.resolve(p);
        if (Files.exists(inData) || projectDirectory == null) {
            return inData;
        }
        Path inProject = projectDirectory.resolve(p);
        return Files.exists(inProject) ? inProject : inData;
    }

    /** The command (or step) that gets a missing data location. */
    static String howToGet(String location, Path dataDirectory) {
        String prefix = "/usr/share/datasets/";
        if (location.startsWith(prefix)) {
            String name = location.substring(prefix.length()).split("/")[0];
            return "sudo apt-get install dataset-" + name;
        }
        String first = Path.of(location).getName(0).toString();
        return "copy " + first + "/ into " + dataDirectory + ", or set the data directory (File > Preferences)";
    }

    /** The quickest sample whose data is all present. */
    public Optional<Sample> quickest() {
        return samples.stream().filter(Sample::ready)
                .min(Comparator.comparingInt(Sample::speedRank).thenComparingInt(s -> s.tasks() * s.trialsPerTask())
                        .thenComparing(s -> "random".equals(s.strategy()) ? 1 : 0));
    }

    public void startQuickest() {
        quickest().ifPresent(s -> actions.startProject(s.file()));
    }

    public void open(Sample s) {
        actions.openProject(s.file());
    }

    public void start(Sample s) {
        actions.startProject(s.file());
    }

    public void openRun(long runId) {
        actions.openRun(runId);
    }

    public void openStore(Path store) {
        actions.openStore(store.toString());
    }

    /**
     * Opens a shared store typed by the user: {@code postgresql://[user@]host[:port]/db}. Anything else is refused in
     * one line (returned; null when accepted). A password typed into the URL is used for this session only: the
     * settings file keeps the URL without it ({@code PGPASSWORD} or {@code ~/.pgpass} supply it next time).
     */
    public String openDatabase(String url) {
        String u = url == null ? "" : url.strip();
        if (!io.wayfinder.store.RunStores.isDatabaseUrl(u)) {
            return "expected postgresql://[user@]host[:port]/database, got \"" + io.wayfinder.store.RunStores.printable(u)
                    + "\"";
        }
        actions.openStore(u);
        return null;
    }

    /** Opens a recent store (a file path or a database URL). */
    public void openStore(String store) {
        actions.openStore(store);
    }

    // ---- one's own data set as a task

    /** The kinds of data set one can add. */
    public enum DataKind {
        TEXT("Text: a TSV file of label<TAB>text"), IMAGES("Images: a folder of IDX files (MNIST layout)");

        private final String label;

        DataKind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * Writes a project for one's own data set and opens it: text gets the T-AML two-tower space, images the Zoph &amp;
     * Le conv-net space, both with the AML controller and 30 trials. Checks the data first; a problem is one line in
     * {@link #newTaskMessageProperty()} and nothing is written.
     *
     * @return the project file, or null when the data did not pass
     */
    public Path addOwnData(String name, DataKind kind, Path location) {
        try {
            Path file = writeProject(name, kind, location, samplesDirectory, projectsDirectory);
            newTaskMessage.set("wrote " + file + "; opening it (press F5 to start)");
            actions.openProject(file);
            return file;
        } catch (InputException e) {
            newTaskMessage.set(e.getMessage());
            return null;
        }
    }

    /** Checks the data set and writes its project file; an {@link InputException} names what is wrong. */
    public static Path writeProject(String name, DataKind kind, Path location, Path samplesDirectory,
                                    Path projectsDirectory) {
        String n = name == null ? "" : name.strip();
        if (!n.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new InputException("new task", "name", "letters, digits, '.', '_' or '-' (at most 64), not \"" + n + "\"");
        }
        if (location == null || !Files.exists(location)) {
            throw new InputException("new task", "data", "an existing " + (kind == DataKind.TEXT ? "TSV file" : "folder")
                    + (location == null ? "" : ", not " + location));
        }
        ObjectNode task = JSON.createObjectNode();
        task.put("name", n);
        task.put("metric", "accuracy");
        task.put("data", location.toAbsolutePath().normalize().toString());
        String space;
        ObjectNode settings = task.putObject("settings");
        if (kind == DataKind.TEXT) {
            checkTsv(location);
            task.put("kind", "text");
            space = "spaces/taml-text.json";
        } else {
            IdxSet idx = checkIdx(location);
            task.put("kind", "image");
            space = "spaces/zoph-le-convnet.json";
            settings.put("trainImages", idx.trainImages);
            settings.put("trainLabels", idx.trainLabels);
            settings.put("testImages", idx.testImages);
            settings.put("testLabels", idx.testLabels);
            settings.put("classes", idx.classes);
            settings.put("trainSize", Math.min(1000, Math.max(1, idx.train - 500)));
            settings.put("validationSize", Math.min(500, idx.train / 5));
            settings.put("testSize", Math.min(1000, idx.test));
            settings.put("splitSeed", 1);
            settings.put("epochs", 2);
            settings.put("batchSize", 32);
            settings.put("learningRate", 0.003);
            settings.put("ndThreads", 1);
            settings.put("downsample", idx.rows >= 28 ? 2 : 1);
        }
        ObjectNode p = JSON.createObjectNode();
        p.put("schemaVersion", 1);
        p.put("name", n);
        p.put("description", "AML search on my data set " + location.getFileName() + " (made in the welcome view)");
        p.put("searchSpace", samplesDirectory.resolve(space).toAbsolutePath().toString());
        p.putArray("tasks").add(task);
        p.putObject("strategy").put("name", "aml");
        p.putObject("budget").put("trialsPerTask", 30);
        p.put("seed", 1);
        p.putObject("execution").put("workers", 2).put("checkpointEvery", 5);
        try {
            Files.createDirectories(projectsDirectory);
            Path file = projectsDirectory.resolve(n + ".json");
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(p) + "\n");
            ProjectCodec.read(file);
            return file;
        } catch (IOException e) {
            throw new InputException(projectsDirectory.toString(), "write", "a writable folder (" + e.getMessage() + ")");
        }
    }

    /** Checks a TSV of label&lt;TAB&gt;text: every non-blank line has a label and text; returns the label count. */
    static int checkTsv(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file.toString(), "file", "a TSV file of label<TAB>text lines");
        }
        Set<String> labels = new HashSet<>();
        int lineNo = 0;
        int rows = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab <= 0 || tab == line.length() - 1) {
                    throw new InputException(file.toString(), "line " + lineNo, "label<TAB>text, found \""
                            + (line.length() > 40 ? line.substring(0, 40) + "…" : line) + "\"");
                }
                labels.add(line.substring(0, tab));
                rows++;
            }
        } catch (IOException e) {
            throw new InputException(file.toString(), "file", "readable UTF-8 text (" + e.getMessage() + ")");
        }
        if (labels.size() < 2 || rows < 20) {
            throw new InputException(file.toString(), "labels", "at least 2 labels and 20 lines, found "
                    + labels.size() + " label(s) in " + rows + " line(s)");
        }
        return labels.size();
    }

    private record IdxSet(String trainImages, String trainLabels, String testImages, String testLabels, int train,
                          int test, int rows, int classes) {
    }

    /** Finds the four IDX files of a folder (training and test images and labels) and checks their headers. */
    static IdxSet checkIdx(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir.toString(), "folder", "a folder of IDX files (train and test images and labels)");
        }
        List<String> names;
        try (Stream<Path> s = Files.list(dir)) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new InputException(dir.toString(), "folder", "a readable folder (" + e.getMessage() + ")");
        }
        String ti = pick(names, dir, true, "images", "idx3");
        String tl = pick(names, dir, true, "labels", "idx1");
        String si = pick(names, dir, false, "images", "idx3");
        String sl = pick(names, dir, false, "labels", "idx1");
        int[] trainImages = header(dir.resolve(ti), 0x803);
        int[] trainLabels = header(dir.resolve(tl), 0x801);
        int[] testImages = header(dir.resolve(si), 0x803);
        int[] testLabels = header(dir.resolve(sl), 0x801);
        if (trainImages[0] != trainLabels[0] || testImages[0] != testLabels[0]) {
            throw new InputException(dir.toString(), "counts", "as many labels as images (train " + trainImages[0] + "/"
                    + trainLabels[0] + ", test " + testImages[0] + "/" + testLabels[0] + ")");
        }
        if (trainImages[0] < 100) {
            throw new InputException(dir.resolve(ti).toString(), "count", "at least 100 training images, found "
                    + trainImages[0]);
        }
        return new IdxSet(ti, tl, si, sl, trainImages[0], testImages[0], trainImages[1], trainLabels[1]);
    }

    private static String pick(List<String> names, Path dir, boolean train, String word, String idx) {
        return names.stream().filter(n -> {
            String l = n.toLowerCase(Locale.ROOT);
            boolean isTrain = l.contains("train");
            boolean isTest = l.contains("t10k") || l.contains("test");
            return (l.contains(word) || l.contains(idx)) && (train ? isTrain : isTest && !isTrain);
        }).findFirst().orElseThrow(() -> new InputException(dir.toString(), "files", "a " + (train ? "training" : "test")
                + " " + word + " IDX file (a name with \"" + (train ? "train" : "t10k\" or \"test") + "\" and \"" + word
                + "\"), found " + names));
    }

    /** An IDX file's item count and, for images, rows; for labels, the number of classes (largest label + 1). */
    private static int[] header(Path f, int magic) {
        try (InputStream raw = Files.newInputStream(f);
             InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             DataInputStream d = new DataInputStream(in)) {
            int m = d.readInt();
            if (m != magic) {
                throw new InputException(f.toString(), "header", String.format("IDX magic 0x%08x, found 0x%08x", magic, m));
            }
            int count = d.readInt();
            if (magic == 0x803) {
                return new int[] {count, d.readInt()};
            }
            int max = 0;
            for (int i = 0; i < count; i++) {
                max = Math.max(max, d.readUnsignedByte());
            }
            return new int[] {count, max + 1};
        } catch (IOException e) {
            throw new InputException(f.toString(), "file", "a readable IDX file (" + e.getMessage() + ")");
        }
    }

    public ObservableList<Sample> samples() {
        return samples;
    }

    public ObservableList<String> recentStores() {
        return recentStores;
    }

    public ObservableList<RunRecord> recentRuns() {
        return recentRuns;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty loadedProperty() {
        return loaded;
    }

    public StringProperty newTaskMessageProperty() {
        return newTaskMessage;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }
}
