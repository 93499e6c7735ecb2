package io.wayfinder.task.baseline;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import io.wayfinder.task.TextDataset;
import io.wayfinder.task.TextExample;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The linear reference every text search is measured against: TF-IDF of unigrams and bigrams (sublinear tf) and
 * L2-regularised logistic regression (liblinear's primal trust-region solver, one-vs-rest for more than two classes,
 * with a bias feature), the inverse regularisation strength C chosen on the validation split from {@link #C_GRID}; the
 * test split is read once, for the chosen C only.
 */
public final class LinearBaseline {
    /** The C values tried, a factor of about 3 apart. */
    public static final List<Double> C_GRID = List.of(0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0);
    /** The method's name as stored and shown. */
    public static final String METHOD = "tfidf-1-2gram+logreg";

    static {
        Linear.disableDebugOutput();
    }

    private LinearBaseline() {
    }

    /** One C tried: its validation accuracy. */
    public record Candidate(double c, double validationAccuracy) {
    }

    /**
     * The result: every candidate, the chosen C (best validation accuracy, the smaller C on a tie) and its
     * validation and test accuracy, the feature count and the wall time.
     */
    public record Result(String method, List<Candidate> candidates, double chosenC, double validationAccuracy,
                         double testAccuracy, int features, long millis) {
    }

    /** Trains on the data set's training split; {@code progress} hears one line per candidate. */
    public static Result train(TextDataset data, Consumer<String> progress) {
        return train(data, TfIdfVectorizer.Features.TFIDF_1_2, progress);
    }

    /** Trains on these features; the method name says which. */
    public static Result train(TextDataset data, TfIdfVectorizer.Features features, Consumer<String> progress) {
        long start = System.currentTimeMillis();
        TfIdfVectorizer v = TfIdfVectorizer.fit(data.train(), features);
        int n = v.features();
        Feature[][] train = rows(v, data.train(), n);
        Feature[][] validation = rows(v, data.validation(), n);
        Problem problem = new Problem();
        problem.l = train.length;
        problem.n = n + 1;
        problem.x = train;
        problem.y = data.train().stream().mapToDouble(TextExample::label).toArray();
        problem.bias = 1;
        List<Candidate> candidates = new ArrayList<>();
        Model best = null;
        Candidate bestCandidate = null;
        for (double c : C_GRID) {
            Model m = Linear.train(problem, new Parameter(SolverType.L2R_LR, c, 0.01));
            double acc = accuracy(m, validation, data.validation());
            Candidate cand = new Candidate(c, acc);
            candidates.add(cand);
            progress.accept(String.format("  C=%-6s validation accuracy %.4f", c, acc));
            if (bestCandidate == null || acc > bestCandidate.validationAccuracy()) {
                bestCandidate = cand;
                best = m;
            }
        }
        double test = accuracy(best, rows(v, data.test(), n), data.test());
        String method = features == TfIdfVectorizer.Features.TFIDF_1_2 ? METHOD : features.id() + "+logreg";
        return new Result(method, List.copyOf(candidates), bestCandidate.c(), bestCandidate.validationAccuracy(), test,
                n, System.currentTimeMillis() - start);
    }

    private static double accuracy(Model m, Feature[][] x, List<TextExample> examples) {
        if (examples.isEmpty()) {
            return Double.NaN;
        }
        int right = 0;
        for (int i = 0; i < x.length; i++) {
            if ((int) Linear.predict(m, x[i]) == examples.get(i).label()) {
                right++;
            }
        }
        return right / (double) x.length;
    }

    private static Feature[][] rows(TfIdfVectorizer v, List<TextExample> examples, int n) {
        Feature[][] out = new Feature[examples.size()][];
        for (int i = 0; i < out.length; i++) {
            TfIdfVectorizer.SparseRow r = v.transform(examples.get(i).tokens());
            Feature[] f = new Feature[r.index().length + 1];
            for (int k = 0; k < r.index().length; k++) {
                f[k] = new FeatureNode(r.index()[k] + 1, r.value()[k]);
            }
            f[f.length - 1] = new FeatureNode(n + 1, 1.0);
            out[i] = f;
        }
        return out;
    }
}
